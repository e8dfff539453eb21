"""foreign-signal: Receiver of another product's signals."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-signal",
    title="Receiver of another product's signals",
    engine="django",
    catches="Shared code or a product receiving a model signal of another product's model.",
    why="The receiver runs inside the other product's writes and depends on its internals.",
    fix="Ask the product to publish what happened through its facade, and call that.",
    bad='post_save.connect(on_item_saved, sender="catalog.Item")',
    good="catalog.subscribe_item_changes(...)  # a facade function",
    previously="boundaries.E015",
)
