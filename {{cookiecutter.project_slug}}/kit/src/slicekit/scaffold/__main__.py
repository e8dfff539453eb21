"""``python -m slicekit.scaffold product NAME``, ``package NAME``, ``frontend``, ``env``, ``docs``,
``codeowners``.

``manage.py startproduct`` and ``startpackage`` are the everyday commands;
this standard-library entry point exists so the template's post-generation
hook can create products before any dependency is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from slicekit.layout import product_directories
from slicekit.names import InvalidName
from slicekit.owners import OwnersError, write_codeowners
from slicekit.scaffold.docs import write_docs
from slicekit.scaffold.dotenv import write_env
from slicekit.scaffold.frontend import create_web_app
from slicekit.scaffold.package import create_package
from slicekit.scaffold.product import create_product
from slicekit.scaffold.render import TemplateError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slicekit.scaffold")
    commands = parser.add_subparsers(dest="command", required=True)
    product = commands.add_parser("product", help="create a product from the skeleton")
    product.add_argument("name")
    product.add_argument(
        "--depends-on",
        metavar="PRODUCT",
        action="append",
        default=[],
        help="a product whose facade it uses; repeat it for each one",
    )
    product.add_argument(
        "--not-isolated", action="store_true", help="let other products import any of it"
    )
    product.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    package = commands.add_parser("package", help="create a package from the skeleton")
    package.add_argument("name")
    package.add_argument(
        "--depends-on",
        metavar="PACKAGE",
        action="append",
        default=[],
        help="a package it uses; repeat it for each one",
    )
    package.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    frontend = commands.add_parser("frontend", help="create the web app (frontend/)")
    frontend.add_argument("--title", required=True, help="the page title: the project's name")
    frontend.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    env = commands.add_parser("env", help="write .env from .env.example with a fresh SECRET_KEY")
    env.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    docs = commands.add_parser("docs", help="write the docs that quote this project's products")
    docs.add_argument("--workshop", action="store_true", help="also write docs/workshop.md")
    docs.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    owners = commands.add_parser(
        "codeowners", help='write .github/CODEOWNERS from the "owners" of package.json files'
    )
    owners.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    args = parser.parse_args(argv)

    if args.command == "env":
        written = write_env(args.root)
        print("wrote .env" if written else ".env exists: left as it is")
        return 0
    if args.command == "codeowners":
        try:
            path = write_codeowners(args.root, product_directories(args.root))
        except OwnersError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"wrote {path.relative_to(args.root)}")
        return 0
    if args.command == "docs":
        try:
            paths = write_docs(args.root, workshop=args.workshop)
        except InvalidName as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        for path in paths:
            print(f"wrote {path.relative_to(args.root)}")
        return 0
    try:
        if args.command == "frontend":
            path = create_web_app(args.root, args.title)
        elif args.command == "package":
            path = create_package(args.root, args.name, depends_on=args.depends_on)
        else:
            path = create_product(
                args.root, args.name, depends_on=args.depends_on, isolated=not args.not_isolated
            )
    except (InvalidName, TemplateError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(args.root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
