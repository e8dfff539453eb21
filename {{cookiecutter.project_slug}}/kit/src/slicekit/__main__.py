"""``python -m slicekit contracts ...``, ``api ...`` and ``discover ...``.

``contracts``: each product's ``backend:contract-check`` task runs it for
itself; ``make check`` runs it for every isolated product. It needs no Django
and imports none of the code it checks, so it takes a fraction of a second.

``api``: each product's committed OpenAPI slice against its HTTP lock
(``boundaries.http_lock``); ``make check`` runs it for every product with a
slice. Standard library only, like ``contracts``.

``discover``: the plan of what a range of commits can affect, for CI (JSON)
or for a person (a summary). Standard library and git only.

``shards`` and ``durations``: the plan spread over CI's parallel test jobs,
and the recorded test times that balance them (``boundaries.shards``).

``tach``: ``tach check``, its hints replaced by this project's (``boundaries.tach_advice``).

``rules``: the kit's rule docs (README table, docs/rules/) against the registry
(``slicekit.rules``): ``--write`` rewrites them, ``--check`` names a stale file.

``layers``: each product's layers import downwards only, by import-linter
(``slicekit.layers``); ``make check`` runs it.

``verify``: that ``kit/`` is the version it claims, file by file (``slicekit.integrity``);
``make check`` runs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from slicekit.contracts import facade_directory, read_contracts
from slicekit.discover import DiscoverError, changed_files, make_plan
from slicekit.http_lock import accept_command, lock_failures
from slicekit.http_lock import write_lock as write_api_lock
from slicekit.integrity import verify
from slicekit.layers import run as run_layers
from slicekit.layout import isolated_products
from slicekit.lock import compare, read_lock, update_command, write_lock
from slicekit.names import IDENTIFIER
from slicekit.openapi import read_slice, slice_path, sliced_products
from slicekit.rules.docs import run as run_rules
from slicekit.shards import add_commands as add_shard_commands
from slicekit.shards import run_command as run_shard_command
from slicekit.tach_advice import run as run_tach


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slicekit")
    commands = parser.add_subparsers(dest="command", required=True)
    add_lock_command(
        commands,
        "contracts",
        "check that contracts are pure and compatible with their lock",
        every="every isolated product",
        accept="accept the contracts' current shape: rewrite their lock",
    )
    add_lock_command(
        commands,
        "api",
        "check that each product's OpenAPI slice is compatible with its HTTP lock",
        every="every product with a slice",
        accept="accept the API as the slice describes it: rewrite its lock",
    )
    discover = commands.add_parser(
        "discover", help="which tests the changes between two commits can affect"
    )
    discover.add_argument("--base", required=True, help="the commit the change is compared to")
    discover.add_argument("--head", default="HEAD", help="the checked-out commit (default HEAD)")
    discover.add_argument("--json", action="store_true", help="print the plan as JSON for CI")
    add_shard_commands(commands)
    commands.add_parser("tach", help="tach check, with advice for this project's layout")
    layers = commands.add_parser("layers", help="each product's layers import downwards only")
    layers.add_argument(
        "--print-config", action="store_true", help="print the import-linter config it checks"
    )
    commands.add_parser("verify", help="check that kit/ is the version it claims, file by file")
    rules = commands.add_parser("rules", help="the kit's rule docs, generated from its registry")
    mode = rules.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--write", action="store_true", help="rewrite kit/README.md's table and kit/docs/rules/"
    )
    mode.add_argument(
        "--check", action="store_true", help="fail, naming the file, when one is stale"
    )
    for command in commands.choices.values():
        command.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    if args.command == "discover":
        return print_plan(root, args.base, args.head, as_json=args.json)
    if args.command == "tach":
        return run_tach(root)
    if args.command == "layers":
        return run_layers(root, print_config=args.print_config)
    if args.command == "verify":
        return verify(root)
    if args.command == "rules":
        return run_rules(root / "kit", check=args.check)
    if args.command in ("shards", "durations"):
        return run_shard_command(root, args)
    if bool(args.products) == args.all:
        parser.error("name the products to check, or pass --all (not both)")
    if args.command == "api":
        for product in args.products:
            if not IDENTIFIER.fullmatch(product) or not slice_path(root, product).is_file():
                parser.error(f"no product {product!r} with an OpenAPI slice (make openapi)")
        return check_apis(root, args.products or sliced_products(root), update=args.update_lock)
    for product in args.products:
        if not (facade_directory(root, product) / "contracts.py").is_file():
            parser.error(f"no product {product!r}: it has no backend/facade/contracts.py")
    products = args.products or isolated_products(root)
    results = [check_product(root, product, update=args.update_lock) for product in products]
    if not args.update_lock:
        verdict = "all pass" if all(results) else f"{results.count(False)} fail"
        print(f"contracts: {len(products)} products checked, {verdict}")
    return 0 if all(results) else 1


def add_lock_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    description: str,
    *,
    every: str,
    accept: str,
) -> None:
    """A command that compares products with their lock: named ones or --all; --update-lock."""
    command = commands.add_parser(name, help=description)
    command.add_argument("products", nargs="*", metavar="PRODUCT")
    command.add_argument("--all", action="store_true", help=every)
    command.add_argument("--update-lock", action="store_true", help=accept)


def print_plan(root: Path, base: str, head: str, *, as_json: bool) -> int:
    try:
        plan = make_plan(root, changed_files(root, base, head))
    except DiscoverError as error:
        print(f"discover: {error}", file=sys.stderr)
        return 2
    print(json.dumps(plan.as_json()) if as_json else plan.summary())
    return 0


def check_product(root: Path, product: str, *, update: bool) -> bool:
    contracts = read_contracts(root, product)
    for finding in contracts.findings:
        print(finding)
    if update:
        if contracts.findings:
            print(f"{product}: lock not written: its contracts break the rules above")
            return False
        path = write_lock(root, contracts)
        print(f"wrote {path.relative_to(root).as_posix()}")
        return True
    try:
        locked = read_lock(root, product)
    except ValueError as error:
        print(error)
        return False
    breaking, additions = compare(locked, contracts)
    for finding in breaking:
        print(finding)
    if breaking:
        print(
            f"{product}: these changes break the products that use its contracts or facade. If "
            f"they are deliberate, update those products, then accept them with: "
            f"{update_command(product)}"
        )
    elif additions:
        print(
            f"{product}: compatible additions not yet in the lock ({'; '.join(additions)}); "
            f"record them with: {update_command(product)}"
        )
    return not (contracts.findings or breaking)


def check_apis(root: Path, products: list[str], *, update: bool) -> int:
    failed = 0
    for product in products:
        if update:
            try:
                read_slice(root, product)
            except ValueError as error:
                print(error)
                failed += 1
                continue
            print(f"wrote {write_api_lock(root, product).relative_to(root).as_posix()}")
            continue
        breaking, additions = lock_failures(root, product)
        for line in breaking:
            print(line)
        if breaking:
            failed += 1
            print(
                f"{product}: these API changes break its clients (its frontend, other services, "
                f"scripts). If they are deliberate, accept them with: {accept_command(product)}"
            )
        elif additions:
            print(
                f"{product}: compatible API additions not yet in the lock "
                f"({'; '.join(additions)}); record them with: {accept_command(product)}"
            )
    if not update:
        verdict = f"{failed} fail" if failed else "all pass"
        print(f"api: {len(products)} products checked, {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
