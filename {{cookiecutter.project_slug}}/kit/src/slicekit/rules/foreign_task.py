"""foreign-task: Another product's task by name."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-task",
    title="Another product's task by name",
    engine="lint",
    catches="Another product's Celery task named by its string (send_task, signature).",
    why="A task name is a private detail; it changes with the product's code.",
    fix="Call a facade function of the product that queues its own task.",
    bad='current_app.send_task("catalog.reindex")',
    good="catalog.request_reindex()",
)
