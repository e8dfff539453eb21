"""The commit hooks' frontend checks, on the files a commit stages.

``make lint check`` runs ESLint, tsc and the client check over every frontend through
turbo; a commit runs the same tools on what it touches, so it stays a few seconds:

    python -m slicekit.frontend_hooks eslint FILE...
        ESLint with the project's configuration (frontend-reach included) on these files,
        or on every frontend when they include what the rule reads besides the code
    python -m slicekit.frontend_hooks tsc FILE...
        tsc for each frontend these files are in, and for the products that use them,
        side by side
    python -m slicekit.frontend_hooks clients FILE...
        the client check of each product whose OpenAPI slice or client these are

The tools are the project's own, from node_modules; a clone without it gets it from
``make node_modules`` first, or one line saying to run that when it fails. Standard
library only: the hooks start it for every commit.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from slicekit.names import SCHEMA_SLICE, WEB_APP_DIRECTORY
from slicekit.parsing import read_json_object

INSTALL = "make node_modules"
KIT_JS = "kit/js"  # the kit's npm package (slicekit): the ESLint rule and the client generator
PRODUCT_FILE = re.compile(r"products/(?P<product>[^/]+)/(?P<rest>.+)")
GENERATED = "frontend/generated/"  # a product's client, from its slice
# A change to these reaches every frontend's types.
SHARED_TYPES = (f"{WEB_APP_DIRECTORY}/tsconfig.base.json", "package.json", "pnpm-lock.yaml")
# The web app's sources that products import (tsconfig.base.json's "paths": @app/manifest,
# @app/ui and the theme behind it): a change there reaches every product's types too.
SHARED_SOURCES = re.compile(rf"^{WEB_APP_DIRECTORY}/src/(manifest\.ts|theme\.ts|ui/.+)$")
LINTED = re.compile(r"\.(ts|tsx|js|jsx|mjs)$")
# What frontend-reach reads besides the file it lints: who declares whom (package.json),
# tsconfig's paths, the rule (the kit's npm side, kit/js/) and its configuration. A change there
# can make an unchanged file wrong (a dropped dependency), so every frontend is linted again.
RULE_INPUTS = re.compile(
    rf"(^|/)package\.json$|(^|/)tsconfig[^/]*\.json$|^{WEB_APP_DIRECTORY}/eslint\.[^/]+\.js$"
    rf"|^{KIT_JS}/eslint\.js$"
)
# The client generator, run from the kit's folder; it imports the project's openapi-typescript.
CLIENTS = f"{KIT_JS}/clients.mjs"


def main(argv: list[str] | None = None) -> int:
    command, *files = sys.argv[1:] if argv is None else argv
    root = Path.cwd()
    if command == "eslint":
        return eslint(root, files)
    if command == "tsc":
        return typecheck(root, files)
    if command == "clients":
        return check_clients(root, files)
    print(f"frontend_hooks: unknown command {command!r} (eslint, tsc or clients)", file=sys.stderr)
    return 2


def eslint(root: Path, files: list[str]) -> int:
    tool = installed(root, "eslint")
    if tool is None:
        return 1
    config = f"{WEB_APP_DIRECTORY}/eslint.config.js"
    formatter = f"./{WEB_APP_DIRECTORY}/eslint.format.js"
    command = [tool, "--config", config, "--format", formatter, "--no-warn-ignored"]
    return run([*command, *paths], root) if (paths := files_to_lint(root, files)) else 0


def files_to_lint(root: Path, files: Iterable[str]) -> list[str]:
    """The staged code, or every frontend's code git has when the rule's other inputs are
    staged (git's list, not the directories: a build in frontend/dist is no code to lint)."""
    if any(RULE_INPUTS.search(file) for file in files):
        frontends = (
            WEB_APP_DIRECTORY,
            *(f"products/{p}/frontend" for p in product_frontends(root)),
        )
        git = shutil.which("git") or "git"  # a commit hook: git is there
        listed = subprocess.run(  # noqa: S603 - git, on the project's own frontends
            [git, "ls-files", "-z", "--", *frontends],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        files = listed.stdout.split("\0")
    return [file for file in files if LINTED.search(file)]


def typecheck(root: Path, files: list[str]) -> int:
    tool = installed(root, "tsc")
    if tool is None:
        return 1
    # Side by side: each tsc is one Node process, mostly waiting on one core.
    started = [
        subprocess.Popen(  # noqa: S603 - the project's tsc, on the frontends git staged
            [tool, "-p", project], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for project in frontends_to_typecheck(root, files)
    ]
    failed = False
    for process in started:
        output, _ = process.communicate()
        sys.stdout.buffer.write(output)
        failed |= process.returncode != 0
    return 1 if failed else 0


def check_clients(root: Path, files: list[str]) -> int:
    if installed(root, "openapi-typescript") is None:
        return 1
    products = [] if CLIENTS in files else products_with_clients(root, files)
    if CLIENTS not in files and not products:
        return 0
    return run(["node", CLIENTS, "--check", *products], root)


def run(command: list[str], root: Path) -> int:
    # The project's own tools, on the paths git staged; their output is the hook's.
    return subprocess.run(command, cwd=root, check=False).returncode  # noqa: S603


def installed(root: Path, tool: str) -> str | None:
    """The project's copy of a Node tool, installed first if it is missing (as `make lint`
    would), or None after saying in one line how to install it."""
    path = root / "node_modules" / ".bin" / tool
    if not path.is_file():
        # Quiet: pnpm's progress is no part of a commit. Without make, the line below.
        with contextlib.suppress(OSError):
            subprocess.run(INSTALL.split(), cwd=root, capture_output=True, check=False)  # noqa: S603
    if path.is_file():
        return str(path)
    print(
        f"{tool} is not installed (node_modules/.bin/{tool}) and `{INSTALL}` did not install "
        f"it: run `{INSTALL}` to see why, then commit again",
        file=sys.stderr,
    )
    return None


def frontends_to_typecheck(root: Path, files: Iterable[str]) -> list[str]:
    """The tsc projects a change to ``files`` can break: the web app's, each touched
    product's frontend, and the frontends of the products that use those."""
    every = product_frontends(root)
    touched: set[str] = set()
    web_app = False
    for file in files:
        if file in SHARED_TYPES or SHARED_SOURCES.match(file):
            return [WEB_APP_DIRECTORY, *(f"products/{product}/frontend" for product in every)]
        if file.startswith(f"{WEB_APP_DIRECTORY}/"):
            web_app = True
        elif (found := PRODUCT_FILE.fullmatch(file)) and found["product"] in every:
            touched.add(found["product"])
    users = users_of(root, every)
    reached = set(touched)
    while frontier := {user for product in reached for user in users.get(product, ())} - reached:
        reached |= frontier
    products = [f"products/{product}/frontend" for product in sorted(reached)]
    return [WEB_APP_DIRECTORY, *products] if web_app else products


def product_frontends(root: Path) -> list[str]:
    return sorted(path.parent.name for path in (root / "products").glob("*/frontend"))


def users_of(root: Path, products: list[str]) -> dict[str, list[str]]:
    """For each product, the products whose package.json lists it among "dependencies"."""
    names = {package_name(root, product): product for product in products}
    users: dict[str, list[str]] = {}
    for product in products:
        manifest = read_json_object(root / "products" / product / "package.json")
        for dependency in manifest.get("dependencies") or {}:
            if dependency in names:
                users.setdefault(names[dependency], []).append(product)
    return users


def package_name(root: Path, product: str) -> str:
    return str(read_json_object(root / "products" / product / "package.json").get("name", product))


def products_with_clients(root: Path, files: Iterable[str]) -> list[str]:
    """The products whose slice or generated client is among ``files``, with a frontend."""
    products = set()
    for file in files:
        found = PRODUCT_FILE.fullmatch(file)
        if found and (found["rest"] == SCHEMA_SLICE or found["rest"].startswith(GENERATED)):
            products.add(found["product"])
    return sorted(
        product
        for product in products
        if (root / "products" / product / SCHEMA_SLICE).is_file()
        and (root / "products" / product / "frontend").is_dir()
    )


if __name__ == "__main__":
    sys.exit(main())
