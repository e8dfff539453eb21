"""undeclared-subscription: a product subscribes only to events of the products it declares.

A subscription (``core.events.subscribe(<event class>)``, usually a decorator) couples
the subscriber to the publisher's ``facade/events.py`` as a facade call does; this rule
holds it to the subscriber's declared dependencies, with the subscription's own line.
"""

from __future__ import annotations

import ast

from slicekit.reach_file import FileContext
from slicekit.reach_names import NameReach
from slicekit.reach_strings import keyword
from slicekit.rules import rule

SUBSCRIBE = frozenset({"core.events.subscribe", "core.events.registry.subscribe"})
RULE = rule("undeclared-subscription")


def event_product(path: str) -> str | None:
    """The publisher of ``products.<p>.backend.facade.events.<Event>``, else None."""
    parts = path.split(".")
    if len(parts) == 6 and parts[0] == "products" and parts[2:5] == ["backend", "facade", "events"]:
        return parts[1]
    return None


class SubscriptionReach:
    """The subscriptions of one product file, against its declared dependencies."""

    def __init__(self, file: FileContext, names: NameReach) -> None:
        self.file = file
        self.names = names

    def check_call(self, node: ast.Call) -> None:
        owner = self.file.owner
        if owner is None or not self.names.resolve(node.func) & SUBSCRIBE:
            return
        target = node.args[0] if node.args else keyword(node, "event")
        paths = self.names.resolve(target) if target is not None else set()
        publishers = {product for path in paths if (product := event_product(path))}
        if not publishers:
            what = ast.unparse(target) if target is not None else "nothing"
            self.file.report(
                node,
                RULE,
                f"subscribes to {what}, which the lint cannot tell is an event of a product's "
                "facade/events.py: pass the event class, imported from that module",
            )
            return
        declared = self.file.project.declared.get(owner, set())
        for publisher in sorted(publishers - {owner} - declared):
            self.file.report(
                node,
                RULE,
                f"{owner} subscribes to {ast.unparse(target or node)}, an event of {publisher}, "
                f"but its tach.domain.toml does not declare {publisher}: add "
                f"//products.{publisher} to depends_on (and to package.json)",
            )
