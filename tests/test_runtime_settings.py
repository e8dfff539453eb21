"""Fast tier: the settings a baked project reads from its environment are the ones
its ``docs/configuration.md`` (which the README links) and ``.env.example`` document, with
the defaults they state."""

import math
import re
from pathlib import Path

import pytest

SETTINGS = Path("config", "settings")
CONFIGURATION = "docs/configuration.md"  # the table of variables, linked from the README
# A read of a variable by name: env("X"), env.str("X", ...), values.integer("X", ...), required(...)
READ = re.compile(
    r"\b(?:env(?:\.\w+)?|values\.\w+|observability\.\w+|required)\(\s*\"([A-Z][A-Z0-9_]*)\""
)


def variables_read(project: Path) -> set[str]:
    return {
        name
        for path in (project / SETTINGS).glob("*.py")
        for name in READ.findall(path.read_text())
    }


def test_every_variable_the_settings_read_is_documented(bake) -> None:
    project = bake()
    readme = (project / "README.md").read_text()
    configuration = (project / CONFIGURATION).read_text()
    table = configuration.partition("# Configuration\n")[2].partition("\n## ")[0]
    example = (project / ".env.example").read_text()

    read = variables_read(project)

    assert f"]({CONFIGURATION})" in readme, "the README links the configuration table"
    assert {"CORS_ALLOWED_ORIGINS", "CONN_MAX_AGE", "SENTRY_DSN", "THROTTLE_ANON_RATE"} <= read
    for name in sorted(read):
        assert f"| `{name}` |" in table, f"{name} is not in {CONFIGURATION}'s table"
        if name not in {"CELERY_TASK_ALWAYS_EAGER"}:  # for tests, not for a deployment's .env
            assert re.search(rf"(?m)^#? ?{name}=", example), f"{name} is not in .env.example"


def test_an_undocumented_variable_would_be_found(bake, tmp_path: Path) -> None:
    """The regex sees every way the settings read a variable (a near miss must not hide one)."""
    project = bake()
    (project / SETTINGS / "extra.py").write_text(
        'A = env("ONE")\nB = env.int("TWO", default=1)\nC = values.rate(\n    "THREE", "1/s"\n)\n'
        'D = observability.sentry_dsn("FOUR")\nE = required("FIVE", "why")\nF = "SIX"\n'
    )

    assert {"ONE", "TWO", "THREE", "FOUR", "FIVE"} <= variables_read(project)
    assert "SIX" not in variables_read(project)


def test_the_hsts_default_is_the_one_env_example_advises_to_start_with(bake) -> None:
    project = bake()
    prod = (project / SETTINGS / "prod.py").read_text()
    example = (project / ".env.example").read_text()
    configuration = (project / CONFIGURATION).read_text()

    default = re.search(r'values\.integer\("SECURE_HSTS_SECONDS", default=([\d *]+)\)', prod)
    assert default, "prod.py reads SECURE_HSTS_SECONDS with a default"
    assert math.prod(int(factor) for factor in default[1].split("*")) == 3600
    assert "HSTS lasts an hour by default" in example
    assert "# SECURE_HSTS_SECONDS=31536000" in example  # the value to raise it to, commented
    assert "| `SECURE_HSTS_SECONDS` | an hour in prod |" in configuration


@pytest.mark.parametrize("name", ["R&D <Tools>", "Ünïcode Shop"])
def test_the_home_page_shows_the_project_name_as_text(bake, name: str) -> None:
    project = bake(project_name=name, project_slug="shop", frontend="no")
    home = (project / "core" / "templates" / "core" / "home.html").read_text()

    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<title>{escaped}</title>" in home
    assert "{% url 'docs' %}" in home  # Django's tags survive cookiecutter's rendering


@pytest.mark.parametrize("name", ["R&D <Tools>", "Ünïcode Shop"])
def test_the_web_app_shows_the_project_name_as_text(bake, name: str) -> None:
    # With the frontend, the web app is the home page: its index.html carries the title.
    index = (bake(project_name=name, project_slug="shop") / "frontend" / "index.html").read_text()

    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<title>{escaped}</title>" in index
