"""runtime-url: reversing or resolving another product's URL, in process.

``reverse()``, ``redirect("catalog:...")``, the ``url`` tag, ``resolve_url`` and DRF's
``reverse`` all end in ``URLResolver._reverse_with_prefix``; the path it returns is owned
by the product whose URLconf is mounted there. ``resolve()`` of a path is judged by the
view it finds, unless Django's request handler (or the test client, for a response's
``resolver_match``) resolves it: a request enters a product through the framework, which is
no reach.
"""

import os
import sys
from typing import Any

from django.urls import URLResolver, base, resolvers

from slicekit.django.watch import Judge, Undo, patch, undo_all
from slicekit.rules import rule

RULE = rule("runtime-url")
# Resolving nested URLconfs, a request, and the test client's lazy ``response.resolver_match``.
_INSIDE = (
    resolvers.__file__,
    os.path.join("django", "core", "handlers", "base.py"),
    os.path.join("django", "test", "client.py"),
)


def install(judge: Judge) -> Undo:
    reverse_with_prefix = vars(URLResolver)["_reverse_with_prefix"]  # private: not in the stubs
    resolve = URLResolver.resolve

    def reversed_url(
        self: URLResolver, lookup_view: Any, _prefix: str, *args: Any, **kwargs: Any
    ) -> str:
        url: str = reverse_with_prefix(self, lookup_view, _prefix, *args, **kwargs)
        owner = judge.owners.url_owner(url[len(_prefix) :])
        if owner is not None:
            judge.use(owner, RULE, f"reverses the URL {url} ({lookup_view!r})", sys._getframe(1))
        return url

    def resolved(self: URLResolver, path: str) -> Any:
        match = resolve(self, path)
        caller = sys._getframe(1)
        if caller.f_code.co_filename == base.__file__ and caller.f_back is not None:
            caller = caller.f_back  # django.urls.resolve(): judged by who called it
        if not caller.f_code.co_filename.endswith(_INSIDE):
            module = getattr(match.func, "__module__", "") or ""
            owner = judge.owners.module_owner(module) or judge.owners.url_owner(str(path))
            if owner is not None:
                judge.use(owner, RULE, f"resolves the URL {path} to {match.view_name}", caller)
        return match

    return undo_all(
        patch(URLResolver, "_reverse_with_prefix", reversed_url),
        patch(URLResolver, "resolve", resolved),
    )
