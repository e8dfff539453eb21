"""A deliberately tiny template renderer for the product skeleton.

It understands ``{{ name }}`` substitutions and whole-line
``{% if flag %}`` / ``{% else %}`` / ``{% endif %}`` blocks (not nested):
enough for the skeleton, small enough to read in a minute, and standard
library only so the template's post-generation hook can run it.
Anything it does not understand is an error, never silent residue.
"""

from __future__ import annotations

import re

_VARIABLE = re.compile(r"{{ (\w+) }}")
_BLOCK_LINE = re.compile(r"[ \t]*{% (if|else|endif)(?: (\w+))? %}[ \t]*")


class TemplateError(ValueError):
    pass


def render(text: str, context: dict[str, object], source: str = "<template>") -> str:
    lines: list[str] = []
    block: str | None = None  # the tag of the block we are in: "if" or "else"
    keep = True
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        tag = _BLOCK_LINE.fullmatch(line.rstrip("\n"))
        if tag is None:
            if keep:
                lines.append(_substitute(line, context, f"{source}:{number}"))
            continue
        kind, flag = tag.groups()
        if kind == "if":
            if block is not None or flag is None:
                raise TemplateError(f"{source}:{number}: nested or empty {{% if %}}")
            block, keep = "if", bool(_lookup(context, flag, f"{source}:{number}"))
        elif kind == "else" and block == "if":
            block, keep = "else", not keep
        elif kind == "endif" and block is not None:
            block, keep = None, True
        else:
            raise TemplateError(f"{source}:{number}: unexpected {{% {kind} %}}")
    if block is not None:
        raise TemplateError(f"{source}: {{% if %}} without {{% endif %}}")
    return "".join(lines)


def _substitute(line: str, context: dict[str, object], where: str) -> str:
    rendered = _VARIABLE.sub(lambda match: str(_lookup(context, match.group(1), where)), line)
    if "{{" in rendered or "{%" in rendered:
        raise TemplateError(f"{where}: unrendered template syntax: {line.strip()}")
    return rendered


def _lookup(context: dict[str, object], key: str, where: str) -> object:
    if key not in context:
        raise TemplateError(f"{where}: unknown template variable {key!r}")
    return context[key]
