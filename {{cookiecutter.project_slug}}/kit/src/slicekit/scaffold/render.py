"""A deliberately tiny template renderer for the product skeleton.

It understands ``{{ name }}`` substitutions and whole-line blocks:
``{% if flag %}`` / ``{% else %}`` / ``{% endif %}``, and ``{% for items %}`` /
``{% endfor %}``, which repeats its lines once per item of the list ``items``,
each item a mapping of variables added to the context (a product's
dependencies, each with its names). Blocks nest. That is enough for the
skeleton, small enough to read in a minute, and standard library only so the
template's post-generation hook can run it. Anything it does not understand is
an error, never silent residue.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_VARIABLE = re.compile(r"{{ (\w+) }}")
_BLOCK_LINE = re.compile(r"[ \t]*{% (if|else|endif|for|endfor)(?: (\w+))? %}[ \t]*")
_OPENERS = {"if", "for"}


class TemplateError(ValueError):
    pass


@dataclass
class _Block:
    """An ``if`` or ``for`` block: its tag, variable, line, and the lines or blocks inside."""

    kind: str
    variable: str
    where: str
    body: list[_Node] = field(default_factory=list)
    orelse: list[_Node] | None = None  # an if's {% else %} part, once seen


_Node = tuple[str, str] | _Block  # a text line with its location, or a block


def render(text: str, context: Mapping[str, object], source: str = "<template>") -> str:
    return "".join(_emit(_parse(text, source), context))


def _parse(text: str, source: str) -> list[_Node]:
    top: list[_Node] = []
    open_blocks: list[_Block] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        where = f"{source}:{number}"
        into = top if not open_blocks else _current(open_blocks[-1])
        tag = _BLOCK_LINE.fullmatch(line.rstrip("\n"))
        if tag is None:
            into.append((line, where))
            continue
        kind, variable = tag.groups()
        block = open_blocks[-1] if open_blocks else None
        if kind in _OPENERS:
            if variable is None:
                raise TemplateError(f"{where}: {{% {kind} %}} without a variable")
            opened = _Block(kind, variable, where)
            into.append(opened)
            open_blocks.append(opened)
        elif variable is not None:
            raise TemplateError(f"{where}: unexpected {{% {kind} {variable} %}}")
        elif kind == "else" and block and block.kind == "if" and block.orelse is None:
            block.orelse = []
        elif block and kind == f"end{block.kind}":
            open_blocks.pop()
        else:
            raise TemplateError(f"{where}: unexpected {{% {kind} %}}")
    if open_blocks:
        block = open_blocks[-1]
        raise TemplateError(f"{block.where}: {{% {block.kind} %}} without {{% end{block.kind} %}}")
    return top


def _current(block: _Block) -> list[_Node]:
    return block.body if block.orelse is None else block.orelse


def _emit(nodes: list[_Node], context: Mapping[str, object]) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        if isinstance(node, tuple):
            line, where = node
            lines.append(_substitute(line, context, where))
        elif node.kind == "if":
            chosen = node.body if _lookup(context, node.variable, node.where) else node.orelse
            lines += _emit(chosen or [], context)
        else:
            for item in _items(context, node):
                lines += _emit(node.body, {**context, **item})
    return lines


def _items(context: Mapping[str, object], block: _Block) -> list[Mapping[str, object]]:
    items = _lookup(context, block.variable, block.where)
    if not isinstance(items, list | tuple) or not all(isinstance(i, Mapping) for i in items):
        raise TemplateError(f"{block.where}: {block.variable!r} is not a list of mappings")
    return list(items)


def _substitute(line: str, context: Mapping[str, object], where: str) -> str:
    rendered = _VARIABLE.sub(lambda match: str(_lookup(context, match.group(1), where)), line)
    if "{{" in rendered or "{%" in rendered:
        raise TemplateError(f"{where}: unrendered template syntax: {line.strip()}")
    return rendered


def _lookup(context: Mapping[str, object], key: str, where: str) -> object:
    if key not in context:
        raise TemplateError(f"{where}: unknown template variable {key!r}")
    return context[key]
