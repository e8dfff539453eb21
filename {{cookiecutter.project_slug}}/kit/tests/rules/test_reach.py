"""The reach lint, on a scratch project: ``cart`` uses ``shop``'s facade, legally or not."""

import ast
from pathlib import Path

import pytest

from slicekit.baseline import BaselineError, apply_baseline, read_baseline
from slicekit.findings import Finding
from slicekit.hatches import lint_domain_hatches, lint_tach_config
from slicekit.reach import Registry, lint_reach, model_lookups

SHOP_API = '''"""shop's facade."""

from .. import logic
from ..models import Item as ItemRow
from .contracts import Item

__all__ = ["get_item"]


def get_item(item_id: int) -> Item:
    return _to_item(logic.get_item(item_id))


def _to_item(row: ItemRow) -> Item:
    return Item(row.id)
'''
SHOP_CONTRACTS = """from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    id: int


class _Draft:
    pass
"""
# A synthetic ownership map: shop's table, task, command and beat entry, and its prefixes.
REGISTRY = Registry(
    tables={"shop_item": "shop"},
    names={"shop.archive": "shop", "shop_reindex": "shop", "nightly-archive": "shop"},
    prefixes={"shop:": "shop", "shop/": "shop", "store:": "shop", "cart:": "cart", "cart/": "cart"},
)
CART = "products/cart/backend/logic.py"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for product in ("shop", "cart"):
        facade = tmp_path / "products" / product / "backend" / "facade"
        facade.mkdir(parents=True)
        (facade / "api.py").write_text(SHOP_API)
        (facade / "contracts.py").write_text(SHOP_CONTRACTS)
        (facade / "enums.py").write_text("import enum\n\n\nclass Status(enum.Enum):\n    A = 1\n")
    (tmp_path / "products" / "shop" / "backend" / "tasks.py").write_text(
        'TASK = "shop.archive"\nSQL = "SELECT * FROM shop_item"\n'
    )
    return tmp_path


def lint(root: Path, source: str, file: str = CART) -> list[str]:
    (root / file).parent.mkdir(parents=True, exist_ok=True)
    (root / file).write_text(source)
    declared = {"cart": {"shop"}, "shop": set()}
    return [str(f) for f in lint_reach(root, ["cart", "shop"], REGISTRY, declared, "proj")]


FACADE = "from products.shop.backend.facade import api as shop_api\n"
VIOLATIONS = {
    "a model re-exported by the facade": (
        "from products.shop.backend.facade.api import ItemRow\n",
        "1: facade-reach: imports products.shop.backend.facade.api.ItemRow",
    ),
    "a private helper": (
        "from products.shop.backend.facade.api import _to_item\n",
        "1: facade-reach",
    ),
    "logic through the facade module": (FACADE + "shop_api.logic.get_item(1)\n", "2: facade-reach"),
    "an alias of the facade module": (
        FACADE + "a = shop_api\nb = a\nb._to_item\n",
        "4: facade-reach",
    ),
    "getattr on the facade module": (FACADE + 'getattr(shop_api, "get_item")\n', "2: facade-reach"),
    "the module passed around": (FACADE + "print(shop_api)\n", "2: facade-reach"),
    "import a.b.c as x": ("import products.shop.backend.logic as x\n", "1: facade-reach"),
    "an attribute chain": (
        "import products.shop.backend.facade.api\nproducts.shop.backend.models.Item\n",
        "2: facade-reach",
    ),
    "the facade package": (
        "from products.shop.backend import facade\nfacade.api._to_item\n",
        "2: facade-reach",
    ),
    "a contract module's import": (
        "from products.shop.backend.facade.contracts import dataclass\n",
        "1: facade-reach",
    ),
    "a private contract class": (
        "from products.shop.backend.facade import contracts\ncontracts._Draft\n",
        "2: facade-reach",
    ),
    "a star import": ("from products.shop.backend.facade.contracts import *\n", "1: facade-reach"),
    "a relative import out of the product": (
        "from ...shop.backend import logic\n",
        "1: facade-reach",
    ),
    "another product's tests": (
        "from products.shop.backend.tests.conftest import row\n",
        "1: facade-reach",
    ),
    "import_module of logic": (
        'import importlib\nimportlib.import_module("products.shop.backend.logic")\n',
        "2: module-string",
    ),
    "mock.patch of logic": ('patch("products.shop.backend.logic.get_item")\n', "1: module-string"),
    "pytest_plugins": (
        'pytest_plugins = ["products.shop.backend.tests.conftest"]\n',
        "1: module-string",
    ),
    "a file path": ('open("products/shop/backend/models.py")\n', "1: module-string"),
    "an f-string with constant parts": (
        'NAME = "logic"\nx = f"products.shop.backend.{NAME}"\n',
        "2: module-string",
    ),
    "a concatenation": ('x = "products.shop." + "backend.models"\n', "1: module-string"),
    "a computed path": ('x = f"products.shop.backend.{y}"\n', "1: module-string"),
    "import_module of a computed name": (
        "import importlib\nimportlib.import_module(name)\n",
        "2: dynamic-import",
    ),
    "__import__ of a computed name": ("__import__(name)\n", "1: dynamic-import"),
    "find_spec of a computed name": ("find_spec(name)\n", "1: dynamic-import"),
    "a ContentType natural key": ('get_by_natural_key("shop", "item")\n', "1: registry-string"),
    "an app_label keyword held in a constant": (
        'LABEL = "shop"\nContentType.objects.filter(app_label=LABEL)\n',
        "2: registry-string",
    ),
    "a join on content_type__app_label": (
        'Permission.objects.filter(content_type__app_label="shop")\n',
        "1: registry-string",
    ),
    "a computed app label": ("ContentType.objects.get(app_label=label)\n", "1: registry-string"),
    "a signal sender string": (
        'post_save.connect(handler, sender="shop.Item")\n',
        "1: registry-string",
    ),
    "a receiver decorator": (
        '@receiver(post_delete, sender="shop.Item")\ndef f(): pass\n',
        "1: registry-string",
    ),
    "raw SQL in a cursor": (
        'with c() as cursor:\n    cursor.execute("select id from shop_item")\n',
        "2: foreign-sql",
    ),
    "RawSQL with a quoted table": ("RawSQL('SELECT 1 FROM \"shop_item\"', [])\n", "1: foreign-sql"),
    "extra(tables=...)": ('Item.objects.extra(tables=["shop_item"])\n', "1: foreign-sql"),
    "an f-string SQL": ('T = "shop_item"\nq = f"DELETE FROM {T}"\n', "2: foreign-sql"),
    "a task by name": ('app.send_task("shop.archive")\n', "1: owned-name"),
    "a task from the registry": ('app.tasks["shop.archive"].delay()\n', "1: owned-name"),
    "a computed task name": ("signature(name)\n", "1: owned-name"),
    "a URL name reversed": ('reverse("shop:item-detail", args=[1])\n', "1: owned-name"),
    "a URL name in a constant, for a redirect": (
        'TARGET = "shop:item-list"\nredirect(TARGET)\n',
        "1: owned-name",
    ),
    "a URL namespace other than the name": ('reverse_lazy("store:home")\n', "1: owned-name"),
    "a template rendered": ('render_to_string("shop/item.html", {})\n', "1: owned-name"),
    "a template fallback": (
        'select_template(["cart/item.html", "shop/item.html"])\n',
        "1: owned-name",
    ),
    "a command called": ('call_command("shop_reindex", verbosity=0)\n', "1: owned-name"),
    "a beat entry moved": ('app.conf.beat_schedule.pop("nightly-archive")\n', "1: owned-name"),
    "a cache key in an f-string": ('cache.get(f"shop:item:{item_id}")\n', "1: owned-name"),
    "a cache key concatenated": ('cache.delete("shop:" + str(item_id))\n', "1: owned-name"),
    "a tach-ignore": ("import os  # tach-ignore\n", "1: escape-hatch"),
    "a noqa on a boundary rule": ("x = 1  # noqa: facade-reach\n", "1: escape-hatch"),
    "a noqa on a system check": ("x = 1  # noqa: model-lookup\n", "1: escape-hatch"),
    "a public function's globals": (
        "from products.shop.backend.facade.api import get_item\nget_item.__globals__\n",
        "2: facade-reach",
    ),
    "an attribute of import_module's result": (
        'importlib.import_module("products.shop.backend.facade.api").logic\n',
        "1: facade-reach",
    ),
    "__import__ without a fromlist": (
        '__import__("products.shop.backend.facade.api").shop.backend.models\n',
        "1: facade-reach",
    ),
    "an alias kept in a class body": (
        FACADE + "class Holder:\n    api = shop_api\n",
        "3: facade-reach",
    ),
    "a %-template of a path": ('x = "products.%s.backend.logic" % name\n', "1: module-string"),
    "a joined path": (
        'x = ".".join(["products", "shop", "backend", "logic"])\n',
        "1: module-string",
    ),
    "a relative import_module anchored in another product": (
        'import_module("..logic", package="products.shop.backend.facade")\n',
        "1: module-string",
    ),
    "a walk over every model": (
        "from django.apps import apps\n[m for m in apps.get_models()]\n",
        "2: registry-walk",
    ),
    "the app configs of the registry by another name": (
        "from django.apps import apps as r\nr.get_app_configs()\n",
        "2: registry-walk",
    ),
    "the registry's app_configs mapping iterated": (
        "from django.apps import apps\nlist(apps.app_configs.values())\n",
        "2: registry-walk",
    ),
    "get_models read by getattr": (
        'from django.apps import apps\ngetattr(apps, "get_models")()\n',
        "2: registry-walk",
    ),
    "get_models kept to call later": (
        "from django.apps import apps\nwalk = apps.get_models\n",
        "2: registry-walk",
    ),
    "another product's app config by label": (
        'from django.apps import apps\napps.app_configs["shop"]\n',
        "2: registry-string",
    ),
    "a migration's apps argument": (
        "def forwards(apps, schema_editor):\n    apps.all_models.values()\n",
        "2: registry-walk",
    ),
    "a syntax error": ("import products.shop.backend.facade.api as (\n", "1: syntax: cannot parse"),
}


@pytest.mark.parametrize(("source", "expected"), VIOLATIONS.values(), ids=list(VIOLATIONS))
def test_a_violation_is_reported_with_its_line_and_rule(
    root: Path, source: str, expected: str
) -> None:
    found = lint(root, source)
    assert any(f.startswith(f"{CART}:{expected}") for f in found), found


NEAR_MISSES = {
    "a facade call": FACADE + "shop_api.get_item(1)\n",
    "a public name imported": "from products.shop.backend.facade.api import get_item\n",
    "a contract and an enum": (
        "from products.shop.backend.facade.contracts import Item\n"
        "from products.shop.backend.facade import enums\nenums.Status.A\nItem\n"
    ),
    "a stub of a public function": FACADE + 'monkeypatch.setattr(shop_api, "get_item", f)\n',
    "a patch of a public function": 'patch("products.shop.backend.facade.api.get_item")\n',
    "its own SQL and task": 'q = "SELECT * FROM cart_item"\nsend_task("cart.archive")\n',
    "its own modules by string": 'import_module("products.cart.backend.logic")\n',
    "own label": 'ContentType.objects.filter(app_label="cart")\n',
    "its own app's models": 'apps.get_app_config("cart").get_models()\n',
    "one app's models by label": 'apps.all_models["cart"]\n',
    "its own app config by label": 'apps.app_configs["cart"]\n',
    "a relative import_module to a public module": (
        'import_module("..api", "products.shop.backend.facade.contracts")\n'
    ),
    "a word like the table": 'fixture = "shop_item_id"\nname = "shop_item"\n',
    "a docstring": '"""Never write products.shop.backend.logic or SELECT FROM shop_item."""\n',
    "its own names": (
        'reverse("cart:item-list")\nrender(r, "cart/item.html")\ncache.get(f"cart:{k}")\n'
    ),
    "the product's name in prose": 'msg = "shop: closed today"\nhelp = "see shop/ docs"\n',
    "a comment and a docstring naming it": (
        '"""Unlike reverse("shop:item-list")."""\nx = 1  # render shop/item.html\n'
    ),
    "a word that merely starts like it": 'label = "shopping:list"\npath = "shops/x.html"\n',
}


@pytest.mark.parametrize("source", NEAR_MISSES.values(), ids=list(NEAR_MISSES))
def test_a_near_miss_passes(root: Path, source: str) -> None:
    assert lint(root, source) == []


def test_shared_code_is_checked_but_may_discover_products(root: Path) -> None:
    discovery = 'import_module(f"{product.app_module}.tasks")\n'
    assert lint(root, discovery, "config/products.py") == []
    found = lint(root, 'include("products.shop.backend.presentation.urls")\n', "config/urls.py")
    assert found[0].startswith("config/urls.py:1: module-string"), found


def test_a_use_not_declared_is_reported_once(root: Path) -> None:
    source = FACADE + "shop_api.get_item(1)\n"
    (root / "products/shop/backend/logic.py").write_text(
        "from products.cart.backend.facade import api\napi.get_item(2)\n"
    )
    found = lint(root, source)
    assert [f for f in found if "undeclared-dependency" in f] == [
        f
        for f in found
        if f.startswith("products/shop/backend/logic.py:1: undeclared-dependency: shop uses cart")
    ]
    assert len(found) == 1, found


def test_the_fix_for_an_undeclared_use_never_closes_a_cycle(root: Path) -> None:
    (root / "products/shop/backend/logic.py").write_text(
        "from products.cart.backend.facade import api\napi.get_item(2)\n"
    )
    declared = {"cart": {"shop"}, "shop": set()}

    (backwards,) = map(str, lint_reach(root, ["cart", "shop"], REGISTRY, declared, "proj"))
    (forwards,) = map(str, lint_reach(root, ["cart", "shop"], REGISTRY, {}, "proj"))

    assert "it cannot be declared: cart already depends on shop (shop -> cart -> shop)" in backwards
    assert "move the code that needs both into cart" in backwards
    assert "add //products.cart" not in backwards
    assert "package.json dependencies" not in backwards
    assert 'add //products.cart to depends_on and "@proj/cart"' in forwards


def test_an_api_without_all_makes_nothing_public(root: Path) -> None:
    api = root / "products/shop/backend/facade/api.py"
    api.write_text(api.read_text().replace('__all__ = ["get_item"]\n', ""))
    found = lint(root, "from products.shop.backend.facade.api import get_item\n")
    assert "has no literal __all__" in found[0], found


def test_get_model_labels_are_read_in_every_form() -> None:
    tree = ast.parse(
        'L = "shop"\nget_model("shop.Item")\napps.get_model(L, "Item")\n'
        'get_model(app_label="shop", model_name="Item")\nget_model(f"{L}.Item")\nget_model(x)\n'
    )
    assert list(model_lookups(tree)) == [
        (2, "shop"),
        (3, "shop"),
        (4, "shop"),
        (5, "shop"),
        (6, None),
    ]


def finding(rule: str, path: str) -> Finding:
    return Finding(path, 3, rule, "message")


def test_the_baseline_allows_its_entries_and_refuses_stale_ones(tmp_path: Path) -> None:
    (tmp_path / "boundaries.baseline.toml").write_text(
        '[[allow]]\nrule = "foreign-sql"\npath = "a.py"\nreason = "until the export facade"\n'
        '[[allow]]\nrule = "foreign-sql"\npath = "b.py"\nreason = "gone"\n'
        '[[allow]]\nrule = "guard-sql"\npath = "c.py"\nreason = "the guard\'s"\n'
    )
    allowances = read_baseline(tmp_path)
    found = [finding("foreign-sql", "a.py"), finding("owned-name", "a.py")]

    remaining = apply_baseline(found, allowances, {"foreign-sql", "owned-name"})

    assert [str(f) for f in remaining] == [
        "a.py:3: owned-name: message",
        "boundaries.baseline.toml: baseline: [[allow]] entry 2 (foreign-sql in b.py) allows "
        "nothing any more: delete it, so the baseline only shrinks",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[allow]\n", "unreadable"),
        ('[[allow]]\nrule = "x"\npath = "a.py"\n', "needs a non-empty reason"),
        ('[[allow]]\nrule = "x"\npath = "a.py"\nreason = " "\n', "needs a non-empty reason"),
        ('[[allow]]\nrule = "x"\npath = "a.py"\nreason = "r"\nline = 3\n', "unknown key 'line'"),
        ('allow = "x"\n', "allow must be [[allow]] tables"),
        ("[other]\n", "unknown key 'other'"),
    ],
)
def test_a_malformed_baseline_is_one_line(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "boundaries.baseline.toml").write_text(text)
    with pytest.raises(BaselineError, match=r"boundaries\.baseline\.toml") as error:
        read_baseline(tmp_path)
    assert problem in str(error.value)
    assert "\n" not in str(error.value)


TACH = (
    "exact = true\nforbid_circular_dependencies = true\nignore_type_checking_imports = false\n"
    'source_roots = ["."]\nexclude = [".venv"]\n\n[[modules]]\npath = "core"\ndepends_on = []\n'
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", ""),
        ('exclude = [".venv"]', 'exclude = [".venv", "products/cart"]', "exclude adds"),
        ("exact = true", "exact = false", "exact must be true"),
        ("ignore_type_checking_imports = false", "", "ignore_type_checking_imports must be"),
        ("depends_on = []", "depends_on = []\nutility = true", "module core sets utility"),
        ("exact = true", 'exact = true\nroot_module = "allow"', "the setting 'root_module'"),
    ],
)
def test_tach_config_hatches(tmp_path: Path, old: str, new: str, expected: str) -> None:
    (tmp_path / "tach.toml").write_text(TACH.replace(old, new) if old else TACH)
    found = [str(f) for f in lint_tach_config(tmp_path)]
    if not expected:
        assert found == []
    else:
        assert len(found) == 1, found
        assert expected in found[0]


def test_a_domain_that_switches_tach_off(tmp_path: Path) -> None:
    domain = tmp_path / "products" / "shop" / "tach.domain.toml"
    domain.parent.mkdir(parents=True)
    domain.write_text('[root]\ndepends_on = []\nunchecked = true\n\n[[modules]]\npath = "x"\n')
    found = [str(f) for f in lint_domain_hatches(tmp_path, "products/shop")]
    assert found[0].startswith("products/shop/tach.domain.toml: escape-hatch: [modules]")
    assert "module [root] sets unchecked = True: tach stops checking" in found[1]


@pytest.mark.parametrize(
    "source",
    ["\x00", "x = (", "def f(:", "\ufeffimport os", "a" * 10_000, "f'{'", "print(b'\\xff')"],
)
def test_no_input_crashes_the_lint(root: Path, source: str) -> None:
    lint(root, source + "\nfrom products.shop.backend import logic\n")


def tags(text: str) -> str:
    """Django template tags from ``<% ... %>``."""
    return text.replace("<%", "{" + "%").replace("%>", "%" + "}")


def test_a_template_naming_another_products_names_fails_at_each_tag(root: Path) -> None:
    template = root / "products/cart/backend/templates/cart/basket.html"
    template.parent.mkdir(parents=True)
    # Tags written as <% ... %>: a baked project holds no Jinja-like text.
    template.write_text(
        tags(
            '<% extends "shop/base.html" %>\n'
            "<p>shop: open today, see shop/item.html</p>\n"
            '<% url "cart:item-list" %>\n'
            "<% block body %><a href=\"<% url 'shop:item-detail' item.id %>\">x</a>\n"
            '<% include "cart/row.html" %><% include "shop/row.html" with item=item %>\n'
            "<% endblock %>\n"
        )
    )
    (template.parent / "notes.txt").write_text(tags("<% comment %>x<% endcomment %>\n"))

    found = lint(root, "")

    where = "products/cart/backend/templates/cart/basket.html"
    assert [f.partition(": the string")[0] for f in found] == [
        f"{where}:1: owned-name",
        f"{where}:4: owned-name",
        f"{where}:5: owned-name",
    ], found
    assert "'shop:item-detail' names what product shop owns" in found[1]
