"""``manage.py startproduct`` refuses bad names and writes nothing when it refuses."""

import json
import tomllib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

import slicekit.scaffold.product
import slicekit.scaffold.render
import slicekit.scaffold.tree


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway project root, so the real ``products/`` is never touched."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "demo", "owners": ["@demo/team"]}))
    (tmp_path / "products").mkdir()
    return tmp_path


def listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_it_creates_a_product_with_the_full_layout(project: Path) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startproduct", "billing")

    created = project / "products" / "billing"
    assert (created / "backend" / "facade" / "contracts.py").is_file()
    assert (created / "backend" / "tests" / "test_presentation.py").is_file()
    assert json.loads((created / "package.json").read_text())["name"] == "@demo/billing"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Billing"], "lowercase Python identifier"),
        (["json"], "standard library"),
        (["auth"], "Django app label"),
        (["class"], "Python keyword"),
        (["core"], "project's own package"),
        (["demo"], "project slug"),
        (
            ["billing", "--depends-on", "nowhere"],
            "'nowhere' of 'billing': there is no such product",
        ),
        (["billing", "--depends-on", "billing"], "a product cannot depend on itself"),
        (["billing", "--depends-on", "no-where"], "invalid dependency name 'no-where'"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    project: Path, args: list[str], message: str
) -> None:
    before = listing(project)

    with override_settings(BASE_DIR=project), pytest.raises(CommandError, match=message):
        call_command("startproduct", *args)

    assert listing(project) == before


def test_it_declares_and_stubs_every_product_it_uses_sorted_by_name(project: Path) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startproduct", "catalog")
        call_command("startproduct", "orders", "--depends-on", "catalog")
        call_command("startproduct", "reviews", "--depends-on", "orders", "--depends-on", "catalog")

    reviews = project / "products" / "reviews"
    domain = tomllib.loads((reviews / "tach.domain.toml").read_text())
    assert domain["root"]["depends_on"][-2:] == ["//products.catalog", "//products.orders"]
    package = json.loads((reviews / "package.json").read_text())
    assert list(package["dependencies"]) == ["@demo/catalog", "@demo/orders"]
    conftest = (reviews / "backend" / "tests" / "conftest.py").read_text()
    for used in ("orders", "catalog"):
        assert f"stub_facade(monkeypatch, {used}_api.get_item, get_item)" in conftest
        assert f"- **{used}**, through its facade" in (reviews / "README.md").read_text()


@pytest.mark.parametrize(
    ("dependencies", "message"),
    [
        (["catalog", "catalog"], "invalid dependency 'catalog' of 'reviews': it is listed twice"),
        (["catalog", "nowhere"], "invalid dependency 'nowhere' of 'reviews': there is no such"),
        (["catalog", "reviews"], "invalid dependency 'reviews' of 'reviews': a product cannot"),
        # catalog's tach.domain.toml, edited by hand, already uses a product called reviews.
        (["catalog"], "invalid dependency 'catalog' of 'reviews': cycle reviews -> catalog -> "),
    ],
)
def test_a_bad_list_of_dependencies_is_refused_and_nothing_is_written(
    project: Path, dependencies: list[str], message: str
) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startproduct", "catalog")
    domain = project / "products" / "catalog" / "tach.domain.toml"
    domain.write_text(domain.read_text().replace('"//core",', '"//core", "//products.reviews",'))
    before = listing(project)
    flags = [flag for used in dependencies for flag in ("--depends-on", used)]

    with override_settings(BASE_DIR=project), pytest.raises(CommandError, match=message):
        call_command("startproduct", "reviews", *flags)

    assert listing(project) == before


def test_it_writes_codeowners_with_the_projects_default_owners(project: Path) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startproduct", "billing")

    package = json.loads((project / "products" / "billing" / "package.json").read_text())
    assert package["owners"] == ["@demo/team"]
    assert "/products/billing/ @demo/team" in (project / ".github" / "CODEOWNERS").read_text()


def test_without_default_owners_it_refuses_and_writes_nothing(project: Path) -> None:
    (project / "package.json").write_text(json.dumps({"name": "demo"}))
    before = listing(project)

    with override_settings(BASE_DIR=project), pytest.raises(CommandError, match="no owners"):
        call_command("startproduct", "billing")

    assert listing(project) == before


def test_it_never_overwrites_an_existing_product(project: Path) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startproduct", "billing")
        before = listing(project)

        with pytest.raises(CommandError, match="already exists"):
            call_command("startproduct", "billing")

    assert listing(project) == before


def test_a_failure_half_way_leaves_nothing_behind(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []

    def render_then_fail(text: str, context: dict[str, object], source: str) -> str:
        rendered.append(source)
        if len(rendered) == 5:
            raise OSError("disk full")
        return slicekit.scaffold.render.render(text, context, source)

    monkeypatch.setattr(slicekit.scaffold.tree, "render", render_then_fail)
    before = listing(project)

    with pytest.raises(OSError, match="disk full"):
        slicekit.scaffold.product.create_product(project, "billing")

    assert len(rendered) == 5
    assert listing(project) == before
