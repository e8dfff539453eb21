"""runtime-task: Another product's task published, called or rescheduled, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-task",
    title="Another product's task published, called or rescheduled, at run time",
    engine="guard",
    catches=(
        "Publishing (delay, apply_async, send_task) a Celery task of another product, "
        "calling it in process (task(), task.run()), or changing its beat entry, in a test."
    ),
    why="A task name built at run time escapes the static rules.",
    fix="Call a facade function of the product that queues its own task.",
    bad='current_app.send_task("catalog." + name)',
    good="catalog.request_reindex()",
    previously="boundaries.R002",
)
