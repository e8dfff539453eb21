"""runtime-cache: reading or writing a key in another product's cache namespace.

A product's keys are ``<product>:<key>`` (``core.cache.product_cache(__name__)`` makes
them so by construction). Every operation of every Django cache backend (get, set, add,
delete, incr, the ``*_many`` forms, ``get_or_set``, ``has_key``, ``touch``) makes its key
with ``BaseCache.make_key``: a raw ``cache.get("catalog:...")`` from orders, or orders
building catalog's accessor, is judged there.
"""

import sys
from typing import Any

from django.core.cache.backends.base import BaseCache

from slicekit.django.watch import Judge, Undo, patch
from slicekit.rules import rule

RULE = rule("runtime-cache")
SEPARATOR = ":"


def install(judge: Judge) -> Undo:
    make_key = BaseCache.make_key

    def made_key(self: BaseCache, key: Any, version: int | None = None) -> str:
        if isinstance(key, str) and SEPARATOR in key:
            owner = judge.owners.name_owner(key, SEPARATOR)
            if owner is not None:
                judge.use(owner, RULE, f"uses the cache key {key!r}", sys._getframe(1))
        return make_key(self, key, version)

    return patch(BaseCache, "make_key", made_key)
