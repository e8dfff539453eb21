"""runtime-template and runtime-static: loading another product's template or static file.

Every spelling of a template load (``get_template``, ``select_template``,
``render_to_string``, ``render``, ``TemplateResponse``, the ``include`` and ``extends``
tags) ends in ``Engine.find_template``, cached loader or not; the template it returns has an
origin, the file it came from, owned by the product whose directory holds it. So a lookup
that falls back to another product's file (``select_template(["orders/x.html",
"catalog/x.html"])``, an app directory searched before the product's own) fails the test
that made it, whatever name was asked for. Static files: the staticfiles finders' ``find``
(``finders.find``, ``findstatic``, a finder used directly), judged by the path found.
"""

import sys
from typing import Any

from django.contrib.staticfiles import finders
from django.template.engine import Engine

from slicekit.django.ownership import SHARED, relative
from slicekit.django.watch import Judge, Undo, patch, undo_all
from slicekit.rules import rule

RULE_TEMPLATE = rule("runtime-template")
RULE_STATIC = rule("runtime-static")
FINDERS = (finders.FileSystemFinder, finders.AppDirectoriesFinder, finders.BaseStorageFinder)


def install(judge: Judge) -> Undo:
    find_template = Engine.find_template

    def found_template(
        self: Engine, name: str, dirs: Any = None, skip: Any = None
    ) -> tuple[Any, Any]:
        template, origin = find_template(self, name, dirs, skip)
        owner = judge.owners.file_owner(str(origin.name))
        if owner is not None and owner != SHARED:
            what = f"loads the template {name!r} ({relative(origin.name)})"
            judge.use(owner, RULE_TEMPLATE, what, sys._getframe(1))
        return template, origin

    return undo_all(
        patch(Engine, "find_template", found_template),
        *(patch(finder, "find", _found_static(judge, finder.find)) for finder in FINDERS),
    )


def _found_static(judge: Judge, find: Any) -> Any:
    def found(self: finders.BaseFinder, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        result = find(self, path, find_all, **kwargs)
        for match in [result] if isinstance(result, str) else result or []:
            owner = judge.owners.file_owner(str(match))
            if owner is not None and owner != SHARED:
                what = f"finds the static file {path!r} ({relative(match)})"
                judge.use(owner, RULE_STATIC, what, sys._getframe(1))
        return result

    return found
