"""A product's cache: every key in the product's namespace, by construction.

    from core.cache import product_cache

    cache = product_cache(__name__)  # in products/catalog/...: keys are "catalog:<key>"
    cache.set(f"item:{item_id}", row, timeout=300)

The product comes from the calling module's name, so a product cannot spell another
product's namespace through its own accessor; a raw ``django.core.cache.cache`` call on
another product's key (``"catalog:..."``) fails the test that makes it (the kit's runtime
guard, rule ``runtime-cache``). There is no ``clear()``: it would empty every product's keys.
"""

from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

from core.products import product_of

SEPARATOR = ":"


class ProductCache:
    """One product's keys in one of the project's caches (``CACHES``)."""

    def __init__(self, product: str, alias: str = "default") -> None:
        self.product = product
        self.alias = alias

    @property
    def _cache(self) -> BaseCache:
        return caches[self.alias]  # per thread, as Django keeps them

    def key(self, key: str) -> str:
        """The key as stored: ``<product>:<key>``."""
        return f"{self.product}{SEPARATOR}{key}"

    def get(self, key: str, default: Any = None) -> Any:
        return self._cache.get(self.key(key), default)

    def set(self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._cache.set(self.key(key), value, timeout)

    def add(self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT) -> bool:
        return self._cache.add(self.key(key), value, timeout)

    def get_or_set(self, key: str, default: Any, timeout: float | None = DEFAULT_TIMEOUT) -> Any:
        return self._cache.get_or_set(self.key(key), default, timeout)

    def delete(self, key: str) -> bool:
        return self._cache.delete(self.key(key))

    def incr(self, key: str, delta: int = 1) -> int:
        return self._cache.incr(self.key(key), delta)

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        found = self._cache.get_many([self.key(key) for key in keys])
        prefix = self.key("")
        return {key.removeprefix(prefix): value for key, value in found.items()}

    def set_many(self, values: dict[str, Any], timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._cache.set_many({self.key(key): value for key, value in values.items()}, timeout)

    def delete_many(self, keys: list[str]) -> None:
        self._cache.delete_many([self.key(key) for key in keys])


def product_cache(module: str, alias: str = "default") -> ProductCache:
    """The cache of the product that ``module`` (pass ``__name__``) belongs to."""
    product = product_of(module)
    if product is None:
        raise ValueError(f"{module} is no product's module: product_cache(__name__) in a product")
    return ProductCache(product.name, alias)
