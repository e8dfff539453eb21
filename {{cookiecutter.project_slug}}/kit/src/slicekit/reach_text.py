"""Strings: module paths, SQL naming a table, names other products own, silenced checks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from slicekit.findings import Finding
from slicekit.names import possessive
from slicekit.reach_file import FileContext
from slicekit.reach_project import Project
from slicekit.reach_rules import silenceable
from slicekit.reach_strings import called_name
from slicekit.reach_surface import FACADE_MODULES, classify, why_private
from slicekit.rules import rule

# Calls whose string arguments are SQL.
SQL_SINKS = frozenset(
    {"execute", "executemany", "executescript", "raw", "RawSQL", "RunSQL", "extra", "copy"}
)
SQL_WORDS = re.compile(
    r"\b(select|insert|update|delete|from|join|into|table|truncate|alter|drop|where)\b",
    re.IGNORECASE,
)
# A string that names a module path of the project (dots, or slashes for a file path).
MODULE_PATH = re.compile(r"products[./](\w+)((?:[./:]\w+)*)")
TEMPLATE_PATH = re.compile(r"products[./](%|\{)")  # "products.%s.backend.logic" % name
# A Django template's tags, and the string literals in them.
TEMPLATE_TAG = re.compile(r"[{]%.*?%[}]", re.DOTALL)  # a Django tag, whole
QUOTED = re.compile(r"([\"'])(.*?)\1")


class TextReach:
    """module-string, foreign-sql, owned-name, and escape-hatch for silenced checks."""

    def __init__(self, file: FileContext) -> None:
        self.file = file
        self.strings = file.strings

    def check_string(self, node: ast.AST) -> None:
        parent = self.file.parents.get(node)
        joined = isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add)
        if joined or isinstance(parent, ast.JoinedStr | ast.FormattedValue):
            return  # the enclosing string is checked as one
        if node in self.file.docstrings:
            return
        if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Add):
            return
        text, complete = self.strings.parts(node)
        if not text:
            return
        self.check_module_string(node, text, complete)
        if complete and silenceable(text) and self._silences(node):
            self.file.report(
                node,
                rule("escape-hatch"),
                f"SILENCED_SYSTEM_CHECKS silences {text}: the boundary it checks would hold "
                "only on paper; fix what it reports",
            )
        if self.file.project.tables and (SQL_WORDS.search(text) or self._in_sql_sink(node)):
            for match in self.file.project.tables.finditer(text):
                table = match.group(1).lower()
                owner = self.file.project.registry.tables.get(table)
                if owner and self.file.foreign(owner):
                    self.file.report(
                        node,
                        rule("foreign-sql"),
                        f"SQL names the table {table} of product {owner}: its schema is "
                        f"{possessive(owner)} to change, and its rows are {possessive(owner)} "
                        f"to read and write; call {possessive(owner)} facade",
                    )
                    break
        found = owned_name(self.file.project, self.file.owner, text, complete)
        if found:
            self.file.report(node, rule("owned-name"), found)

    def check_module_string(self, node: ast.AST, text: str, complete: bool) -> None:
        match = MODULE_PATH.match(text)
        if not match:
            if self.file.owner is not None and TEMPLATE_PATH.match(text):
                self.file.report(
                    node,
                    rule("module-string"),
                    f"the string {text!r} is a template of a module path in another product, "
                    "filled in at run time, so no check can verify it stays on the public "
                    "facade; write the path out, or call the facade",
                )
            return
        product = match.group(1)
        if not self.file.foreign(product):
            return
        whole = text[match.start() : match.end()].replace("/", ".").replace(":", ".")
        whole = whole.removesuffix(".py")
        exact = complete and match.end() == len(text.removesuffix(".py"))
        kind = classify(whole, self.file.project.surfaces)
        if kind == "private":
            if not exact and not self._prefix_private(whole):
                kind = "unknown"
            else:
                self.file.report(
                    node,
                    rule("module-string"),
                    f"the string {text!r} names {whole}: "
                    f"{why_private(whole, self.file.project.surfaces)}; import paths in strings "
                    f"(import_module, mock.patch, include, pytest_plugins) follow the same "
                    f"rule as imports: only {possessive(product)} public facade",
                )
                return
        if not exact and kind != "public":
            self.file.report(
                node,
                rule("module-string"),
                f"the string {text!r} names a path in product {product} that is computed at "
                "run time, so no check can verify it stays on the public facade; write the "
                "path out, or call the facade",
            )
            return
        self.file.note_use(node, product, f"names {whole}")

    def _prefix_private(self, path: str) -> bool:
        """Whether the complete components of a partly computed path are private already."""
        parts = path.split(".")
        rest = parts[2:]
        expected = ["backend", "facade"]
        if any(part != want for part, want in zip(rest, expected, strict=False)):
            return True
        return len(rest) > 2 and rest[2] not in FACADE_MODULES

    def _silences(self, node: ast.AST) -> bool:
        """Whether the statement holding ``node`` changes ``SILENCED_SYSTEM_CHECKS``."""
        statement = self.file.parents.get(node)
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = self.file.parents.get(statement)
        return statement is not None and any(
            (isinstance(n, ast.Name) and n.id == "SILENCED_SYSTEM_CHECKS")
            or (isinstance(n, ast.Attribute) and n.attr == "SILENCED_SYSTEM_CHECKS")
            for n in ast.walk(statement)
        )

    def _in_sql_sink(self, node: ast.AST) -> bool:
        parent = self.file.parents.get(node)
        while parent is not None and not isinstance(parent, ast.stmt):
            if isinstance(parent, ast.Call) and called_name(parent) in SQL_SINKS:
                return True
            parent = self.file.parents.get(parent)
        return False


def owned_name(project: Project, user: str | None, text: str, complete: bool) -> str | None:
    """owned-name: why ``text``, a string in ``user``'s code, names what another product owns."""
    found = project.owner_of(text, complete)
    if found is None or found[0] not in project.products or found[0] == user:
        return None
    owner, how = found
    return (
        f"the string {text!r} names what product {owner} owns ({how}, in the ownership map): "
        "reverse(), templates, call_command(), send_task() and the cache reach it past "
        f"{possessive(owner)} facade, and break when it renames it; call {possessive(owner)} facade"
    )


def template_findings(project: Project, path: Path, relative: str, user: str) -> list[Finding]:
    """owned-name in a Django template: the quoted strings of its tags (url, include...)."""
    source = path.read_text(encoding="utf-8", errors="replace")
    findings = []
    for tag in TEMPLATE_TAG.finditer(source):
        for quoted in QUOTED.finditer(tag.group(0)):
            found = owned_name(project, user, quoted.group(2), complete=True)
            if found:
                line = source.count("\n", 0, tag.start() + quoted.start()) + 1
                findings.append(Finding(relative, line, rule("owned-name"), found))
    return findings
