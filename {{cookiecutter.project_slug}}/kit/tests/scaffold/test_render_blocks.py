"""The skeleton's renderer: substitutions, nested if and for blocks, and loud errors."""

import re

import pytest

from slicekit.scaffold.render import TemplateError, render


def skeleton(text: str) -> str:
    """Skeleton syntax written with ``<% %>`` and ``<< >>``: the bake renders this file with
    Jinja, and no generated file may hold template syntax (but the skeleton itself)."""
    for ours, theirs in (("<%", "{" + "%"), ("%>", "%" + "}"), ("<<", "{" * 2), (">>", "}" * 2)):
        text = text.replace(ours, theirs)
    return text


TEMPLATE = skeleton("""\
uses:
<% if has_any %>
<% for used %>
- << name >>
<% if first %>
  (first)
<% endif %>
<% endfor %>
<% else %>
- nothing
<% endif %>
""")


def test_a_for_block_repeats_its_lines_for_each_item_with_its_variables() -> None:
    used = [{"name": "catalog", "first": True}, {"name": "orders", "first": False}]

    text = render(TEMPLATE, {"has_any": True, "used": used})

    assert text == "uses:\n- catalog\n  (first)\n- orders\n"


def test_an_empty_list_takes_the_else_branch_around_it() -> None:
    assert render(TEMPLATE, {"has_any": False, "used": []}) == "uses:\n- nothing\n"


@pytest.mark.parametrize(
    ("template", "context", "message"),
    [
        ("<% for used %>\n<% endif %>\n", {"used": []}, "t:2: unexpected <% endif %>"),
        ("<% for used %>\n", {"used": []}, "t:1: <% for %> without <% endfor %>"),
        ("<% for used %>\n<% else %>\n<% endfor %>\n", {"used": []}, "t:2: unexpected"),
        ("<% if a %>\n<% else %>\n<% else %>\n<% endif %>\n", {"a": 1}, "t:3: unexpected"),
        ("<% endfor used %>\n", {}, "t:1: unexpected"),
        ("<% for used %>\n<% endfor %>\n", {"used": "ab"}, "'used' is not a list of mappings"),
        ("<% for used %>\n<< name >>\n<% endfor %>\n", {"used": [{}]}, "variable 'name'"),
        ("<% for %>\n", {}, "without a variable"),
    ],
)
def test_what_it_does_not_understand_is_an_error(
    template: str, context: dict[str, object], message: str
) -> None:
    with pytest.raises(TemplateError, match=re.escape(skeleton(message))):
        render(skeleton(template), context, source="t")
