"""Reachability over the products' dependency graph, shared by settings and discover.

A product's tests load the products it depends on, directly or through others
(``config.products``); a change to a product's contracts reaches every product
that depends on it the same way (``discover``, and turbo's chained
``backend:contract-check``). Both walk the graph with this one function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from slicekit.names import possessive


def reachable(
    start: Iterable[str], following: Callable[[str], Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Every node reachable from ``start``, with the shortest path that reaches it.

    ``following(node)`` gives the nodes one edge away; it is asked once per node
    reached, so a caller may read edges lazily. The path runs from a start node
    to the node itself. Cycles end the walk (the product lint refuses them).
    """
    paths: dict[str, tuple[str, ...]] = {node: (node,) for node in start}
    frontier = list(paths)
    while frontier:
        reached = []
        for node in frontier:
            for target in sorted(following(node)):
                if target not in paths:
                    paths[target] = (*paths[node], target)
                    reached.append(target)
        frontier = reached
    return paths


def reverse(edges: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """The same graph with every edge turned around."""
    reversed_edges: dict[str, list[str]] = {}
    for node, targets in edges.items():
        for target in targets:
            reversed_edges.setdefault(target, []).append(node)
    return reversed_edges


def closes_a_cycle(user: str, used: str, following: Callable[[str], Iterable[str]]) -> str | None:
    """Why ``user`` may not use ``used``, and the ways that keep one direction, when ``used``
    already depends on ``user``: a hint that says "use its facade" or "declare it" would
    propose a cycle, which tach and the product lint refuse. ``None`` when it may."""
    back = reachable([used], following)
    if user not in back:
        return None
    cycle = " -> ".join([user, *back[user]])
    return (
        f"{used} already depends on {user} ({cycle}), so {user} may not use {used} (a cycle): "
        f"move the code that needs both into {used}, move what both need into a package "
        f"(packages/), or invert the call ({used} passes what {user} needs through "
        f"{possessive(user)} facade)"
    )
