"""A reproducible commit history for the selection benchmark, and how its selections score.

Standard library only and no project needed: ``selection_history.py`` replays the
history on a baked project, and the template's fast tests check this module alone.

- ``product_graph``: N products, a chain of four (depth 3) and the rest using 0-2
  earlier products, drawn from the seed;
- ``generate``: the commits, each a kind (what a team changes: logic, a facade body,
  a contract, an enum, a template...) and the product it touches, drawn by weight;
- ``Score``: what a selector (discover, turbo) chose against what failed.
"""

import random
from dataclasses import dataclass, field

CHAIN = 4  # p01 <- p02 <- p03 <- p04: a dependency graph of depth 3 at least


@dataclass(frozen=True)
class Kind:
    name: str
    weight: int  # commits of this kind per 100
    breaking: bool  # meant to fail some product's tests (its own, or its users')
    per_product: bool = True  # touches one product; else shared code


# The mix: mostly product-internal work, some surface changes, a few shared ones.
KINDS = (
    Kind("logic", 20, breaking=False),
    Kind("logic-break", 3, breaking=True),
    Kind("facade-body", 7, breaking=False),
    Kind("facade-signature", 2, breaking=True),
    Kind("contract", 5, breaking=False),
    Kind("contract-break", 3, breaking=True),
    Kind("enum", 2, breaking=False),
    Kind("enum-break", 2, breaking=True),
    Kind("template", 6, breaking=False),
    Kind("template-break", 2, breaking=True),
    Kind("serializer", 5, breaking=False),
    Kind("admin", 4, breaking=False),
    Kind("test", 7, breaking=False),
    Kind("frontend", 10, breaking=False),
    Kind("docs", 10, breaking=False),
    Kind("core", 3, breaking=False, per_product=False),
    Kind("package", 3, breaking=False, per_product=False),
    Kind("settings", 3, breaking=False, per_product=False),
)
BY_NAME = {kind.name: kind for kind in KINDS}


@dataclass(frozen=True)
class Planned:
    number: int  # from 1
    kind: str
    product: str  # empty for shared code

    @property
    def breaking(self) -> bool:
        return BY_NAME[self.kind].breaking


def names(count: int) -> list[str]:
    return [f"p{number:02d}" for number in range(1, count + 1)]


def product_graph(count: int, seed: int) -> dict[str, list[str]]:
    """Each product and the products it uses: a chain of ``CHAIN``, then 0-2 earlier ones."""
    every = names(count)
    draw = random.Random(seed)
    graph: dict[str, list[str]] = {}
    for index, name in enumerate(every):
        if index < CHAIN:
            graph[name] = every[index - 1 : index] if index else []
        else:
            graph[name] = sorted(draw.sample(every[:index], draw.choice((0, 1, 1, 2))))
    return graph


def products_answer(graph: dict[str, list[str]]) -> str:
    """The bake's ``products`` answer: ``p01, p02:p01, p07:p04+p06, ...``."""
    return ", ".join(f"{name}:{'+'.join(uses)}" if uses else name for name, uses in graph.items())


def depth(graph: dict[str, list[str]]) -> int:
    """The longest chain of uses, in edges."""
    memo: dict[str, int] = {}

    def longest(name: str) -> int:
        if name not in memo:
            memo[name] = max((1 + longest(used) for used in graph[name]), default=0)
        return memo[name]

    return max((longest(name) for name in graph), default=0)


def users(graph: dict[str, list[str]], product: str) -> set[str]:
    """Every product that uses ``product``, through any chain."""
    found: set[str] = set()
    frontier = [product]
    while frontier:
        used = frontier.pop()
        for name, uses in graph.items():
            if used in uses and name not in found:
                found.add(name)
                frontier.append(name)
    return found


def generate(graph: dict[str, list[str]], commits: int, seed: int) -> list[Planned]:
    """``commits`` commits drawn by the kinds' weights; the same seed, the same history."""
    draw = random.Random(seed)
    products = list(graph)
    kinds = [kind.name for kind in KINDS]
    weights = [kind.weight for kind in KINDS]
    history = []
    for number in range(1, commits + 1):
        kind = BY_NAME[draw.choices(kinds, weights)[0]]
        product = draw.choice(products) if kind.per_product else ""
        if kind.name in ("contract-break", "enum-break", "facade-signature"):
            # A surface break matters where someone uses the surface: pick a used product.
            used = [name for name in products if users(graph, name)]
            product = draw.choice(used or products)
        history.append(Planned(number, kind.name, product))
    return history


@dataclass
class Score:
    """One selector's choices over a history, against what failed."""

    products: int
    commits: int = 0
    selected: int = 0  # product test tasks chosen, summed over commits
    unsafe: list[str] = field(default_factory=list)  # a line per commit that skipped a failure

    def add(self, planned: Planned, chosen: set[str], failing: set[str]) -> None:
        self.commits += 1
        self.selected += len(chosen)
        if missed := failing - chosen:
            self.unsafe.append(
                f"#{planned.number} {planned.kind} {planned.product or '(shared)'}: "
                f"skipped failing {', '.join(sorted(missed))}"
            )

    @property
    def skipped(self) -> float:
        """The share of product test work (one task per product per commit) not run."""
        total = self.products * self.commits
        return 1 - self.selected / total if total else 0.0

    @property
    def safe(self) -> float:
        """The share of commits where no product whose tests fail was skipped."""
        return 1 - len(self.unsafe) / self.commits if self.commits else 1.0
