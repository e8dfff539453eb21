"""undeclared-subscription: ``cart`` subscribes to ``shop``'s events, declared or not."""

from pathlib import Path

import pytest

from slicekit.reach import Registry, lint_reach

EVENTS = """from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ItemDeleted:
    item_id: UUID
"""
SUBSCRIPTIONS = "products/cart/backend/subscriptions.py"
IMPORTS = (
    "from core.events import subscribe\n"
    "from products.shop.backend.facade import events as shop_events\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for product in ("shop", "cart"):
        facade = tmp_path / "products" / product / "backend" / "facade"
        facade.mkdir(parents=True)
        (facade / "api.py").write_text("__all__ = []\n")
        (facade / "events.py").write_text(EVENTS)
    return tmp_path


def lint(root: Path, source: str, declared: set[str]) -> list[str]:
    (root / SUBSCRIPTIONS).write_text(source)
    uses = {"cart": declared, "shop": set()}
    return [str(f) for f in lint_reach(root, ["cart", "shop"], Registry(), uses, "proj")]


DECORATED = IMPORTS + "\n\n@subscribe(shop_events.ItemDeleted)\ndef forget(event): ...\n"


def test_a_subscription_to_a_declared_products_event_passes(root: Path) -> None:
    assert lint(root, DECORATED, {"shop"}) == []


def test_a_subscription_to_an_undeclared_products_event_names_its_line(root: Path) -> None:
    found = lint(root, DECORATED, set())

    subscription = [f for f in found if "undeclared-subscription" in f]
    assert subscription == [
        f"{SUBSCRIPTIONS}:5: undeclared-subscription: cart subscribes to "
        "shop_events.ItemDeleted, an event of shop, but its tach.domain.toml does not declare "
        "shop: add //products.shop to depends_on (and to package.json)"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "from core import events\nfrom products.shop.backend.facade.events import ItemDeleted\n"
        "events.subscribe(ItemDeleted)(print)\n",
        "from core.events import subscribe as on\n"
        "import products.shop.backend.facade.events\n"
        "on(event=products.shop.backend.facade.events.ItemDeleted)(print)\n",
    ],
    ids=["module-attribute", "alias-and-keyword"],
)
def test_every_spelling_of_a_subscription_is_seen(root: Path, source: str) -> None:
    found = lint(root, source, set())

    assert any(":3: undeclared-subscription: cart subscribes to" in f for f in found), found


def test_a_subscription_to_its_own_event_needs_no_declaration(root: Path) -> None:
    source = "from core.events import subscribe\nfrom .facade.events import ItemDeleted\n"
    assert lint(root, source + "subscribe(ItemDeleted)(print)\n", set()) == []


def test_a_subscription_the_lint_cannot_follow_is_refused(root: Path) -> None:
    source = "from core.events import subscribe\n\nsubscribe(pick_an_event())(print)\n"

    (finding,) = lint(root, source, {"shop"})

    assert finding.startswith(f"{SUBSCRIPTIONS}:3: undeclared-subscription: subscribes to ")
    assert "pick_an_event()" in finding
