"""Write the documents that quote this project's own products.

``docs/architecture.md`` (always) and ``docs/workshop.md`` (in workshop mode)
show real lines of code, so they are rendered from ``skeleton/docs`` with the
names of a product and one of its consumers, found the way tach finds them:
in the products' ``tach.domain.toml``. The project owns the files afterwards;
existing ones are left as they are.
"""

from __future__ import annotations

from pathlib import Path

from slicekit.domains import declared_dependencies, read_domain
from slicekit.layout import product_directories
from slicekit.names import InvalidName, ProductNames
from slicekit.scaffold.product import skeleton_context
from slicekit.scaffold.render import render

SKELETON = Path(__file__).parent / "skeleton" / "docs"
DOMAIN_SKELETON = Path(__file__).parent / "skeleton" / "product" / "tach.domain.toml-tpl"


def example_pair(root: Path) -> tuple[str, str] | None:
    """``(provider, consumer)``: the first product, by name, that uses another's facade."""
    for consumer in product_directories(root):
        providers = sorted(declared_dependencies(read_domain(root, consumer)))
        if providers:
            return providers[0], consumer
    return None


def depends_on_line(root: Path, provider: str, consumer: str) -> str:
    """The consumer's ``depends_on = [...]`` line, as its tach.domain.toml has it (or, when the
    project has no consumer yet, as the skeleton would write it): quoted, never retyped."""
    domain = root / ProductNames(consumer).directory / "tach.domain.toml"
    if domain.is_file():
        text = domain.read_text(encoding="utf-8")
    else:
        context = skeleton_context("example", consumer, [provider], isolated=True)
        text = render(DOMAIN_SKELETON.read_text(encoding="utf-8"), context)
    return next(line for line in text.splitlines() if line.startswith("depends_on ="))


def write_docs(root: Path, *, workshop: bool = False) -> list[Path]:
    """Write the missing documents; return the paths written."""
    pair = example_pair(root)
    if workshop and pair is None:
        raise InvalidName(
            "the workshop needs a product that uses another's facade, "
            "e.g. products 'catalog, orders:catalog'"
        )
    provider, consumer = pair or (next(iter(product_directories(root)), "catalog"), "orders")
    context = {
        "provider": provider,
        "consumer": consumer,
        "example_only": pair is None,
        "consumer_depends_on": depends_on_line(root, provider, consumer),
    }
    written = []
    for name in ("architecture.md", *(["workshop.md"] if workshop else [])):
        target = root / "docs" / name
        if target.exists():
            continue
        source = SKELETON / f"{name}-tpl"
        text = render(source.read_text(encoding="utf-8"), context, source=source.name)
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
