"""Fast tier: the documents every project gets, and the ones that quote its own code."""

import re
from pathlib import Path

import pytest

from .helpers import TEMPLATE, run_kit

DOCS = (
    "docs/architecture.md",
    "docs/selective-testing.md",
    "docs/extracting-a-product.md",
    "docs/adr/0000-template.md",
    "docs/boundaries.md",
    "docs/commands.md",
    "docs/commit-hooks.md",
    "docs/configuration.md",
    "docs/api.md",
    "docs/updating.md",
)


def test_every_project_gets_the_architecture_documents(bake) -> None:
    project = bake()

    for document in DOCS:
        assert (project / document).is_file(), document
    assert len(list((project / "docs" / "adr").glob("0*.md"))) >= 5
    assert not (project / "docs" / "workshop.md").exists()
    assert (project / "docs" / "frontend.md").is_file()
    assert not (bake(frontend="no") / "docs" / "frontend.md").exists()


def test_the_architecture_quotes_real_lines_of_this_projects_code(bake) -> None:
    project = bake(products="shop, billing:shop")
    architecture = (project / "docs" / "architecture.md").read_text()
    logic = (project / "products" / "billing" / "backend" / "logic.py").read_text()
    domain = (project / "products" / "billing" / "tach.domain.toml").read_text()

    allowed = "from products.shop.backend.facade import api as shop_api"
    assert allowed in architecture
    assert allowed in logic
    (depends_on,) = [line for line in domain.splitlines() if line.startswith("depends_on")]
    assert f"```toml\n[root]\n{depends_on}\n```" in architecture
    assert "//products.shop" in depends_on
    assert "`from products.shop.backend.models import Item`" in architecture
    assert "has no product that uses another's facade" not in architecture


# A Python, TOML, JSON or YAML block introduced by "`path`:" quotes that file.
QUOTE = re.compile(r"`([\w./-]+\.\w+)`:\n\n```(?:python|toml|json|yaml)\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize(
    "products", ["shop, billing:shop", "catalog, orders:catalog", "shop, blog, reviews:shop+blog"]
)
def test_every_quoted_block_is_in_the_file_it_names(bake, products: str) -> None:
    project = bake(products=products)
    quoted = 0

    for document in [project / "README.md", *sorted((project / "docs").rglob("*.md"))]:
        for path, block in QUOTE.findall(document.read_text()):
            lines = (project / path).read_text().splitlines()
            for line in filter(None, block.splitlines()):
                assert line in lines, f"{document.name} quotes {line!r}, not in {path}"
                quoted += 1

    assert quoted >= 4


def test_without_a_consumer_the_examples_say_they_are_examples(bake) -> None:
    architecture = (bake(products="shop") / "docs" / "architecture.md").read_text()

    assert "has no product that uses another's facade yet" in architecture
    assert "from products.shop.backend.facade import api as shop_api" in architecture


def test_workshop_mode_writes_the_workshop_on_the_first_pair(bake) -> None:
    project = bake(products="shop, billing:shop", workshop="yes")
    workshop = (project / "docs" / "workshop.md").read_text()

    assert "`billing` uses\nthe facade of `shop`" in workshop
    assert "docs/workshop.md" in (project / "README.md").read_text()
    assert "docs/workshop.md" not in (bake() / "README.md").read_text()


@pytest.mark.parametrize("products", ["shop", "", "shop, billing"])
def test_workshop_mode_needs_a_product_that_uses_another(cookies, products: str) -> None:
    result = cookies.bake(extra_context={"products": products, "workshop": "yes"})

    assert result.exit_code != 0
    assert result.project_path is None


def test_the_docs_command_is_idempotent(bake) -> None:
    project = bake()
    architecture = project / "docs" / "architecture.md"
    architecture.write_text("# Ours now\n")

    run_kit("slicekit.scaffold", "docs", "--workshop", cwd=project)

    assert architecture.read_text() == "# Ours now\n"
    assert (project / "docs" / "workshop.md").is_file()


def test_product_readmes_list_what_the_lint_requires(bake) -> None:
    readme = (bake() / "products" / "catalog" / "README.md").read_text()

    for documented in (
        "`delete_item(",
        "`count_items(",
        "`DELETE`",
        "`catalog.archive_stale_items`",
    ):
        assert documented in readme


# createsuperuser reads DJANGO_SUPERUSER_<FIELD> itself (test_first_hour_full runs it so).
DJANGO_READS = {"DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_EMAIL"}


@pytest.mark.parametrize("frontend", ["yes", "no"])
def test_the_readme_first_steps_name_only_what_exists(bake, frontend: str) -> None:
    """Superuser, token, CORS and the cache server, each with a command or variable that is real."""
    project = bake(frontend=frontend)
    readme = (project / "README.md").read_text()
    steps = readme.partition("\n## First steps\n")[2].partition("\n## ")[0]
    makefile = (project / "Makefile").read_text()
    settings = "".join(p.read_text() for p in (project / "config").rglob("*.py"))

    for topic in (
        "DJANGO_SUPERUSER_PASSWORD",
        "/api/auth/token/",
        "CORS_ALLOWED_ORIGINS",
        "make cache-server",
    ):
        assert topic in steps, topic
    for target in re.findall(r"\bmake ([a-z][\w-]*)", steps):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is no target"
    for variable in set(re.findall(r"\b[A-Z][A-Z_]{5,}\b", steps)) - DJANGO_READS:
        # make superuser asks nothing once the password is set; the cache server prints TURBO_*.
        where = makefile if variable.startswith(("DJANGO_SUPERUSER", "TURBO_")) else settings
        assert variable in where, f"{variable} is read nowhere"
    for path in re.findall(r"`(/api/[\w/]+)`", steps):
        assert path.strip("/").removeprefix("api/").split("/")[0] in settings, path


# A markdown link or image, inline ("[text](target)") or a reference ("[label]: target").
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)
CODE = re.compile(r"^```.*?^```|`[^`\n]+`", re.M | re.S)


def broken_links(root: Path, documents: list[Path]) -> list[str]:
    """Relative links (anchors ignored) in ``documents`` whose target does not exist."""
    broken = []
    for document in documents:
        prose = CODE.sub("", document.read_text())
        for inline, reference in LINK.findall(prose):
            target = (inline or reference).partition("#")[0]
            if not target or re.match(r"[a-z][a-z+.-]*:", target):  # an anchor, a URL, mailto:
                continue
            if not (document.parent / target).exists():
                broken.append(f"{document.relative_to(root)}: {target}")
    return broken


def link_documents(root: Path) -> list[Path]:
    patterns = ("*.md", "docs/**/*.md", "*/README.md", "*/*/README.md", "kit/docs/**/*.md")
    return sorted({path for pattern in patterns for path in root.glob(pattern)})


@pytest.mark.parametrize("frontend", ["yes", "no"])
def test_every_relative_link_in_the_projects_documents_leads_to_a_file(bake, frontend: str) -> None:
    """The READMEs (the project's, the kit's, each product's) and docs/ link only what exists."""
    project = bake(frontend=frontend, workshop="yes")
    documents = link_documents(project)

    assert {"README.md", "docs/commands.md", "kit/README.md"} <= {
        path.relative_to(project).as_posix() for path in documents
    }
    assert broken_links(project, documents) == []


def test_every_relative_link_in_the_templates_documents_leads_to_a_file() -> None:
    documents = [TEMPLATE / "README.md", *sorted((TEMPLATE / "docs").rglob("*.md"))]

    assert broken_links(TEMPLATE, documents) == []


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# There\n")
    readme = tmp_path / "README.md"
    readme.write_text(
        "[ok](docs/there.md#top) [web](https://example.com) [anchor](#top)\n"
        "[gone](docs/gone.md) ![image](img/missing.png)\n"
        "`[in code](not/a/link.md)`\n\n[ref]: docs/also-gone.md\n"
    )

    assert broken_links(tmp_path, [readme]) == [
        "README.md: docs/gone.md",
        "README.md: img/missing.png",
        "README.md: docs/also-gone.md",
    ]
