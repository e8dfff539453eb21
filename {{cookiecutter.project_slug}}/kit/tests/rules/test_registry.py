"""One rule registry: every id the kit prints is registered, every registered rule is
printed somewhere, each rule is one module, and the docs generated from them are current."""

import ast
import importlib
from pathlib import Path

import pytest

from slicekit.rules import RULES, rule
from slicekit.rules.docs import stale
from slicekit.rules.rule import ENGINES

KIT = Path(__file__).resolve().parents[2]
PACKAGE = KIT / "src" / "slicekit"
RULES_PACKAGE = PACKAGE / "rules"
NOT_RULES = {"__init__", "rule", "registry", "docs"}
ESLINT_RULE = KIT / "js" / "eslint.js"  # the npm part: frontend-reach


def kit_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if RULES_PACKAGE not in p.parents)


def emitted() -> dict[str, list[str]]:
    """Each id the kit source passes to ``rule(...)``, with where."""
    found: dict[str, list[str]] = {}
    for path in kit_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "rule"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                where = f"{path.relative_to(KIT)}:{node.lineno}"
                found.setdefault(str(node.args[0].value), []).append(where)
    return found


def bare_ids() -> list[str]:
    """A finding's rule or a check's id written as a string, past the registry."""
    found = []
    for path in kit_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            given = [kw.value for kw in node.keywords if kw.arg in ("id", "rule")]
            if name in ("Finding", "Violation") and len(node.args) >= 3:
                given.append(node.args[2])
            if name in ("report", "finding", "_report") and len(node.args) >= 2:
                given.append(node.args[1])
            found += [
                f"{path.relative_to(KIT)}:{node.lineno}: {value.value!r}"
                for value in given
                if isinstance(value, ast.Constant) and value.value
            ]
    return found


def test_every_emitted_id_is_registered() -> None:
    unknown = {i: where for i, where in emitted().items() if i not in RULES}

    assert not unknown, f"rule ids no module of slicekit/rules registers: {unknown}"


def test_no_id_is_emitted_past_the_registry() -> None:
    assert not bare_ids(), "emit ids with slicekit.rules.rule(...): " + "; ".join(bare_ids())


def test_every_registered_rule_is_emitted() -> None:
    eslint = ESLINT_RULE.read_text(encoding="utf-8")
    silent = [
        r.id
        for r in RULES.values()
        if r.id not in emitted() and not (r.engine == "eslint" and f'"{r.id}"' in eslint)
    ]

    assert not silent, f"registered rules nothing reports: {silent}"


def test_an_unknown_id_cannot_be_emitted() -> None:
    with pytest.raises(LookupError, match="no registered rule"):
        rule("no-such-rule")


def test_each_rule_is_one_module_named_after_it() -> None:
    modules = sorted(p.stem for p in RULES_PACKAGE.glob("*.py") if p.stem not in NOT_RULES)
    ids = []
    for module in modules:
        registered = importlib.import_module(f"slicekit.rules.{module}").RULE
        assert registered.id.replace("-", "_") == module
        assert RULES[registered.id] is registered
        ids.append(registered.id)

    assert sorted(ids) == sorted(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_a_rule_says_what_why_how_with_examples(rule_id: str) -> None:
    found = RULES[rule_id]

    assert found.engine in ENGINES
    assert all([found.title, found.catches, found.why, found.fix, found.bad, found.good])
    assert found.bad != found.good


def test_the_generated_docs_are_current() -> None:
    assert stale(KIT) == [], "rewrite them with python -m slicekit rules --write"


def test_a_stale_page_is_named(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "docs/rules").mkdir(parents=True)
    (kit / "README.md").write_text((KIT / "README.md").read_text(encoding="utf-8"))
    for page in (KIT / "docs/rules").glob("*.md"):
        (kit / "docs/rules" / page.name).write_text(page.read_text(encoding="utf-8"))
    assert stale(kit) == []
    edited = kit / "docs/rules/foreign-sql.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "edited\n")

    assert stale(kit) == [edited]
