"""Fast tier: bad answers are refused with one clear line, and nothing is left behind."""

import json
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
from cookiecutter.exceptions import CookiecutterException
from cookiecutter.main import cookiecutter

import answers_extension

from .helpers import TEMPLATE, TOOLS, attempt, copy_template, require, uv

# (answers, what the one error line must say)
BAD_ANSWERS = [
    ({"project_name": "  "}, "invalid project_name '': it must not be empty"),
    ({"project_slug": "My-Shop"}, "invalid project_slug 'My-Shop': must be a lowercase Python"),
    ({"project_slug": "1shop"}, "invalid project_slug '1shop': must be a lowercase Python"),
    ({"project_slug": "my shop"}, "invalid project_slug 'my shop': must be a lowercase Python"),
    ({"project_slug": "_shop"}, "invalid project_slug '_shop': must be a lowercase Python"),
    ({"project_slug": "my__shop"}, "invalid project_slug 'my__shop': must be a lowercase Python"),
    ({"project_slug": "json"}, "invalid project_slug 'json': it shadows the standard library"),
    ({"project_slug": "django"}, "invalid project_slug 'django': it shadows the installed package"),
    ({"project_slug": "celery"}, "invalid project_slug 'celery': it shadows the installed package"),
    ({"project_slug": "auth"}, "invalid project_slug 'auth': it clashes with the Django app label"),
    ({"project_slug": "class"}, "invalid project_slug 'class': it is a Python keyword"),
    ({"project_slug": "config"}, "invalid project_slug 'config': it clashes with the project's"),
    ({"project_name": 'The "Shop"'}, "may not contain double quotes"),
    ({"description": "back\\slash"}, "it may not contain double quotes, backslashes"),
    ({"email": "ada.example.com"}, "invalid email 'ada.example.com': expected name@domain.tld"),
    ({"products": "Catalog"}, "invalid product name 'Catalog': must be a lowercase Python"),
    ({"products": "catalog-v2"}, "invalid product name 'catalog-v2': must be a lowercase"),
    ({"products": "typing"}, "invalid product name 'typing': it shadows the standard library"),
    ({"products": "rest_framework"}, "invalid product name 'rest_framework': it shadows"),
    ({"products": "sessions"}, "invalid product name 'sessions': it clashes with the Django app"),
    ({"products": "contenttypes"}, "invalid product name 'contenttypes': it clashes with"),
    ({"products": "lambda"}, "invalid product name 'lambda': it is a Python keyword"),
    ({"products": "match"}, "invalid product name 'match': it is a Python keyword"),
    ({"products": "core"}, "invalid product name 'core': it clashes with the project's own"),
    ({"products": "slicekit"}, "invalid product name 'slicekit': it clashes with the project's"),
    ({"products": "frontend"}, "invalid product name 'frontend': it clashes with the project's"),
    (
        {"project_slug": "shop", "products": "shop"},
        "invalid product name 'shop': it is the project",
    ),
    ({"products": "a" * 21}, f"invalid product name '{'a' * 21}': at most 20 characters"),
    ({"products": "catalog, catalog"}, "'catalog' is listed twice"),
    ({"products": "catalog,,orders"}, "it has an empty entry"),
    ({"products": "orders:catalog, catalog"}, "may only depend on a product listed before it"),
    ({"products": "catalog:catalog"}, "a product cannot depend on itself"),
    ({"products": "catalog, orders:nowhere"}, "may only depend on a product listed before it"),
    ({"products": "a, b:a:x"}, "invalid dependency name 'a:x': must be a lowercase Python"),
    ({"products": "a, b, c:a+b+a"}, "invalid dependency 'a' of 'c': it is listed twice"),
    ({"products": "a, c:a+nowhere"}, "invalid dependency 'nowhere' of 'c': it may only depend"),
    ({"products": "a, c:a+c"}, "invalid dependency 'c' of 'c': a product cannot depend on itself"),
    ({"products": "a:b, b:a"}, "invalid dependency 'b' of 'a': it may only depend on a product"),
    ({"products": "a, c:a+"}, "invalid dependency name '': must be a lowercase Python"),
    ({"products": "a, c:a b"}, "invalid dependency name 'a b': must be a lowercase Python"),
]
# A product list as the docs write one: entries `name` or `name:used+used`, comma-separated,
# one of them using another (a lone name, like `core`, is a name the docs refuse).
PRODUCT_LIST = re.compile(
    r"(?=.*:)[a-z_0-9]+(:[a-z_0-9]+(\+[a-z_0-9]+)*)?(, [a-z_0-9]+(:[a-z_0-9+]+)?)*"
)
README = TEMPLATE / "README.md"
GOOD_ANSWERS = {
    "project_name": "Shop",
    "project_slug": "shop",
    "description": "A shop.",
    "author_name": "Ada",
    "email": "ada@example.com",
    "workshop": False,
    "frontend": True,
}
BAD_CHOICES = [{"python_version": "3.11"}, {"license": "GPL-3.0"}]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=[repr(a) for a, _ in BAD_ANSWERS])
def test_a_bad_answer_is_refused_with_one_clear_line(
    tmp_path: Path, answers: dict[str, str], message: str
) -> None:
    with pytest.raises(CookiecutterException) as refusal:
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path))

    (line,) = str(refusal.value).splitlines()
    assert line.startswith("ERROR: invalid"), line
    assert message in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS[::8], ids=repr)
def test_the_pre_generation_hook_refuses_where_the_extension_cannot_run(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], answers: dict[str, str], message: str
) -> None:
    """The guard where the in-process check does not run (a replay, whose stored answers are
    not rendered again, or a tool that loads no template extension): the same checks."""
    template = without_the_extension(tmp_path / "template")
    with pytest.raises(CookiecutterException, match="Hook script failed"):
        cookiecutter(str(template), no_input=True, extra_context=answers, output_dir=str(tmp_path))

    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    assert errors[0].startswith("ERROR: invalid"), errors
    assert message in errors[0]
    assert sorted(tmp_path.iterdir()) == [template]


def test_the_command_line_ends_with_the_refusal(tmp_path: Path) -> None:
    """cookiecutter logs a failed hook's traceback and then "Hook script failed": the
    answers are checked before, in its process, and the refusal is all it prints."""
    returncode, output = attempt(
        str(TOOLS / "cookiecutter"), str(TEMPLATE), "--no-input", "--output-dir", str(tmp_path),
        "products=catalog, orders:nowhere", cwd=tmp_path,
    )  # fmt: skip

    assert returncode == 1
    assert "Traceback" not in output, output
    assert last_line(output) == (
        "ERROR: invalid dependency 'nowhere' of 'orders': it may only depend on a product "
        "listed before it"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extension", [True, False], ids=["in-process", "pre-generation hook"])
def test_an_older_python_is_refused_in_one_line(tmp_path: Path, extension: bool) -> None:
    """Debian 12's python3 (3.11), which `uvx cookiecutter` picks, cannot run the project's
    code: a SyntaxError traceback from its post-generation hook, unless refused first."""
    python = oldest_python_for_cookiecutter()
    require(python is not None, "no Python older than 3.12 that runs cookiecutter")
    template = TEMPLATE if extension else without_the_extension(tmp_path / "template")
    output_dir = tmp_path / "out"
    returncode, output = attempt(
        uv(TEMPLATE), "run", "--quiet", "--no-project", "--python", str(python),
        "--with", f"cookiecutter=={version('cookiecutter')}",
        "cookiecutter", str(template), "--no-input", "--output-dir", str(output_dir),
        cwd=tmp_path, env={"UV_PYTHON_DOWNLOADS": "never"},
    )  # fmt: skip

    assert returncode == 1, output
    assert "SyntaxError" not in output, output
    refusal = [line for line in output.splitlines() if line.startswith("ERROR: invalid")]
    assert len(refusal) == 1, output
    assert refusal[0].startswith("ERROR: invalid Python 3.1"), output
    assert "the template needs Python 3.12 or newer to bake" in refusal[0]
    if extension:
        assert "Traceback" not in output, output
        assert last_line(output) == refusal[0]
    assert not output_dir.exists() or list(output_dir.iterdir()) == []


def last_line(output: str) -> str:
    return [line for line in output.splitlines() if line.strip()][-1]


def without_the_extension(destination: Path) -> Path:
    """A copy of the template whose answers only the pre-generation hook checks."""
    template = copy_template(destination)
    settings = json.loads((template / "cookiecutter.json").read_text())
    for key in ("_extensions", "__answers_checked"):
        settings.pop(key, None)
    (template / "cookiecutter.json").write_text(json.dumps(settings))
    return template


def oldest_python_for_cookiecutter() -> Path | None:
    """The oldest Python here that cookiecutter supports (3.10+) and the template does not:
    pyenv's, on PATH, or the system's (Debian 12's /usr/bin/python3 is 3.11)."""
    pyenv = sorted((Path.home() / ".pyenv" / "versions").glob("3.*/bin/python"))
    on_path = (shutil.which(name) for name in ("python3.10", "python3.11", "python3"))
    system = [path for path in (Path("/usr/bin/python3"),) if path.exists()]
    found = {}
    for python in [*pyenv, *filter(None, on_path), *system]:
        probe = subprocess.run(
            [str(python), "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        major, minor = (int(part) for part in probe.stdout.split() or (0, 0))
        if probe.returncode == 0 and (3, 10) <= (major, minor) < (3, 12):
            found.setdefault((major, minor), Path(python))
    return found[min(found)] if found else None


@pytest.mark.parametrize("answers", BAD_CHOICES, ids=[repr(a) for a in BAD_CHOICES])
def test_a_value_outside_the_choices_is_refused(tmp_path: Path, answers: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="provided for choice variable"):
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path))

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["workshop", "frontend"])
def test_a_yes_no_option_takes_only_yes_or_no(tmp_path: Path, option: str) -> None:
    with pytest.raises(ValueError, match=f"maybe provided for variable {option} could not be"):
        cookiecutter(
            str(TEMPLATE), no_input=True, extra_context={option: "maybe"}, output_dir=str(tmp_path)
        )

    assert list(tmp_path.iterdir()) == []


def test_the_documented_product_syntax_is_what_the_hook_accepts() -> None:
    """Every product list the README's options and the prompt show is accepted, and means
    what they say; no sentence limits what a product may use below what the hook accepts."""
    checks = answers_extension.load_checks()
    names = checks.load_names(answers_extension.PROJECT_TEMPLATE)
    options = README.read_text().split("## Options", 1)[1].split("\n## ", 1)[0]
    prompt = json.loads((TEMPLATE / "cookiecutter.json").read_text())["__prompts__"]["products"]
    examples = {
        *(text for text in re.findall(r"`([^`]+)`", options) if PRODUCT_LIST.fullmatch(text)),
        *(text for text in re.findall(r"'([^']+)'", prompt) if PRODUCT_LIST.fullmatch(text)),
    }
    assert {"catalog, orders:catalog", "reviews:catalog+orders"} <= examples

    for example in sorted(examples):
        if "," not in example:  # one entry: the products it uses are listed before it
            name, _, used = example.partition(":")
            listed = ", ".join([*used.split("+"), example])
            (*_, spec) = names.parse_product_specs(listed, "shop")
            assert (spec.name, list(spec.depends_on)) == (name, used.split("+")), example
        else:
            listed = example
        answers_extension.refuse_bad_answers({**GOOD_ANSWERS, "products": listed})

    assert names.parse_product_specs("a, b, c:a+b", "shop")[-1].depends_on == ("a", "b")
    for claim in re.findall(r"depend on (one|a single|only one) product", options):
        pytest.fail(f"the README says a product may depend on {claim} product; 'c:a+b' passes")
