"""runtime-task: Another product's task published, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-task",
    title="Another product's task published, at run time",
    engine="guard",
    catches=(
        "Publishing (delay, apply_async, send_task) a Celery task of another product, in a test."
    ),
    why="A task name built at run time escapes the static rules.",
    fix="Call a facade function of the product that queues its own task.",
    bad='current_app.send_task("catalog." + name)',
    good="catalog.request_reindex()",
    previously="boundaries.R002",
)
