"""runtime-cache: Another product's cache key read or written, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-cache",
    title="Another product's cache key read or written, at run time",
    engine="guard",
    catches=(
        "A cache operation (get, set, delete, incr, *_many, ...) on a key in another product's "
        "namespace (<product>:...), in a test."
    ),
    why=(
        "A product's cached values are its data: reading or invalidating them from outside "
        "couples to their format and timing."
    ),
    fix=(
        "Use product_cache(__name__) from core.cache for your own keys; ask the owner's facade "
        "for its data."
    ),
    bad='cache.get("catalog:item:" + str(item_id))',
    good='product_cache(__name__).get("item:" + str(item_id))',
)
