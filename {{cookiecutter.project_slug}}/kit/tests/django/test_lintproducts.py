"""``manage.py lintproducts``: this project passes; a scratch project's mistakes fail it, by line.

The lint's rules have their own tests (``boundaries/tests``); these check the
command around them: its arguments, the Django half of the lint (the app
registry), the settings' escape hatch and the reviewed baseline.
"""

import json
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from slicekit.django import reach
from slicekit.django.management.commands.lintproducts import counted, registry_findings
from slicekit.django.resources import Resources
from slicekit.layout import product_directories
from slicekit.packages import package_directories
from slicekit.scaffold.__main__ import main as scaffold

NOT_INSTALLED = (
    "products/{0}/backend/apps.py: app-registry: products.{0}.backend is not an installed app: "
    "apps.py must define its AppConfig"
)


def lint(*args: str) -> tuple[str, str]:
    """Run the command; return what it wrote to stdout and to stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("lintproducts", *args, stdout=out, stderr=err)
    except CommandError as error:
        raise CommandError(f"{error}\n{err.getvalue()}") from None
    return out.getvalue(), err.getvalue()


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A scratch project with two products from the skeleton, none of them installed here."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "demo", "owners": ["@demo/team"]}))
    shutil.copy(Path(settings.BASE_DIR) / "tach.toml", tmp_path)
    (tmp_path / "products").mkdir()
    for product in ("shop", "till"):
        assert scaffold(["product", product, "--root", str(tmp_path)]) == 0
    return tmp_path


def test_this_project_passes() -> None:
    root = Path(settings.BASE_DIR)
    products, packages = product_directories(root), package_directories(root)

    out, err = lint("--all")

    checked = f"{counted(len(products), 'product')} and {counted(len(packages), 'package')}"
    assert (out, err) == (f"lintproducts: {checked} checked, all pass\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name the products to lint, or pass --all (not both)"),
        (("--all", "shop"), "name the products to lint, or pass --all (not both)"),
        (("nowhere",), "no product 'nowhere' under products/"),
    ],
)
def test_it_refuses_bad_arguments(scratch: Path, args: tuple[str, ...], message: str) -> None:
    with override_settings(BASE_DIR=scratch), pytest.raises(CommandError) as refused:
        lint(*args)

    assert str(refused.value) == f"{message}\n"  # the one line, and no findings


def test_a_product_whose_app_is_not_installed_fails_each_finding_on_a_line(scratch: Path) -> None:
    with override_settings(BASE_DIR=scratch), pytest.raises(CommandError) as failed:
        lint("shop")

    summary, *lines = str(failed.value).splitlines()
    assert summary == "1 problem in 1 product"
    assert lines == [NOT_INSTALLED.format("shop")]


def test_a_silenced_boundary_check_is_an_escape_hatch() -> None:
    silenced = ["foreign-relation", "security.W004"]

    with override_settings(SILENCED_SYSTEM_CHECKS=silenced), pytest.raises(CommandError) as failed:
        lint("--all")

    summary, *lines = str(failed.value).splitlines()
    assert summary.startswith("1 problem in ")
    assert lines == [
        "config/settings: escape-hatch: SILENCED_SYSTEM_CHECKS silences foreign-relation: the "
        "boundary it checks would hold only on paper; fix what it reports"
    ]


def test_an_unreadable_baseline_is_refused_in_one_line(scratch: Path) -> None:
    (scratch / "boundaries.baseline.toml").write_text("[[allow]\n")

    with override_settings(BASE_DIR=scratch), pytest.raises(CommandError) as failed:
        lint("--all")

    assert str(failed.value).startswith("boundaries.baseline.toml: unreadable: ")
    assert str(failed.value).count("\n") == 1  # the message, and no findings


def test_a_stale_baseline_entry_fails_only_when_its_product_is_checked(scratch: Path) -> None:
    (scratch / "boundaries.baseline.toml").write_text(
        '[[allow]]\nrule = "foreign-sql"\npath = "products/till/backend/logic.py"\n'
        'reason = "a query since removed"\n'
    )
    stale = (
        "boundaries.baseline.toml: baseline: [[allow]] entry 1 (foreign-sql in "
        "products/till/backend/logic.py) allows nothing any more: delete it, so the baseline "
        "only shrinks"
    )

    with override_settings(BASE_DIR=scratch):
        with pytest.raises(CommandError) as only_shop:
            lint("shop")
        with pytest.raises(CommandError) as both:
            lint("shop", "till")

    assert stale not in str(only_shop.value)
    assert str(both.value).splitlines()[0] == "3 problems in 2 products"
    assert stale in str(both.value).splitlines()


def test_an_app_labelled_otherwise_is_reported_on_its_label_line(scratch: Path) -> None:
    apps_file = scratch / "products/shop/backend/apps.py"
    line = apps_file.read_text().splitlines().index('    label = "shop"') + 1

    (finding,) = registry_findings(scratch, "shop", apps.get_app_config("core"))

    assert str(finding) == (
        f"products/shop/backend/apps.py:{line}: app-registry: the app label is 'core'; it must "
        "be the product name 'shop', which migrations, relations and URLs use"
    )


def test_a_product_without_apps_py_is_left_to_the_layout_lint(scratch: Path) -> None:
    (scratch / "products/shop/backend/apps.py").unlink()

    assert registry_findings(scratch, "shop", None) == []


def test_a_module_that_raises_on_import_is_one_finding_at_its_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Reading the ownership map imports each product's tasks, URLconf and schedules; a module
    # that raises there is reported where it raised, in one line, and the lint goes on. (The
    # raising file is in a scratch root: code compiled under a name in this project would be
    # measured by coverage.)
    broken = tmp_path / "products" / "shop" / "backend" / "logic.py"

    def resources(product: str, config: object) -> None:
        exec(compile("\n\nundefined_name", str(broken), "exec"), {})  # noqa: S102

    monkeypatch.setattr(reach, "product_apps", lambda: {"shop": FakeApp("products.shop.backend")})
    monkeypatch.setattr(reach.resources, "resources", resources)

    with override_settings(BASE_DIR=tmp_path):
        registry, failures = reach.registry()

    assert [str(failure) for failure in failures] == [
        "products/shop/backend/logic.py:3: import-error: importing "
        "products.shop.backend raised NameError: name 'undefined_name' is not "
        "defined; the lint reads the ownership map from it: fix the error"
    ]
    assert registry.names == {}


def test_the_registry_holds_each_products_names_and_prefixes_from_the_map(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    owned = Resources(
        product="shop",
        namespace="store",
        url_names=frozenset({"item-detail"}),
        views=frozenset(),
        directories={},
        commands={"shop_reindex": tmp_path / "shop_reindex.py"},
        tasks=frozenset({"shop.archive"}),
        beat=frozenset({"nightly"}),
        admin=frozenset(),
    )
    monkeypatch.setattr(reach, "product_apps", lambda: {"shop": FakeApp("products.shop.backend")})
    monkeypatch.setattr(reach.resources, "resources", lambda product, config: owned)

    registry, failures = reach.registry()

    assert failures == []
    assert registry.names == {"shop.archive": "shop", "nightly": "shop", "shop_reindex": "shop"}
    assert registry.prefixes == {"shop:": "shop", "store:": "shop", "shop/": "shop"}


@dataclass(frozen=True)
class FakeApp:
    name: str
