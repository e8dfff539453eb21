"""The rule ids of the reach lint, and those of the product lint a noqa must not name either."""

# Rule ids of this lint, what each catches and the fix (README and docs quote them).
RULES = {
    "facade-reach": "a name of another product that is not on its public surface",
    "module-string": "a string naming another product's private module or object",
    "dynamic-import": "an import whose module name is computed, in a product",
    "registry-string": "an app label or model label of another product in a registry lookup",
    "registry-walk": "a walk over every app's models, in a product",
    "foreign-sql": "SQL naming another product's table",
    "foreign-task": "another product's Celery task named by its string",
    "escape-hatch": "a way around the boundary checks",
    "undeclared-dependency": "a product used but not declared in tach.domain.toml",
    "syntax": "a file the lint cannot parse",
}

# The ids of the product lint's other rules, which a noqa must not name either.
LINT_RULES = frozenset(
    {
        "app-registry",
        "contract-lock",
        "contract-purity",
        "dependencies",
        "frozen-contracts",
        "hashable-fields",
        "layout",
        "no-model-conversion",
        "package-api",
        "package-config",
        "package-imports",
        "package-tests",
        "readme",
        "tach-module",
        "tasks-facade",
        "tests-location",
        "turbo-package",
        "turbo-tasks",
    }
)
