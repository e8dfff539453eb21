"""``python -m boundaries contracts ...`` and ``python -m boundaries discover ...``.

``contracts``: each product's ``backend:contract-check`` task runs it for
itself; ``make check`` runs it for every isolated product. It needs no Django
and imports none of the code it checks, so it takes a fraction of a second.

``discover``: the plan of what a range of commits can affect, for CI (JSON)
or for a person (a summary). Standard library and git only.

``shards`` and ``durations``: the plan spread over CI's parallel test jobs,
and the recorded test times that balance them (``boundaries.shards``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from boundaries.contracts import facade_directory, read_contracts
from boundaries.discover import DiscoverError, changed_files, make_plan
from boundaries.layout import isolated_products
from boundaries.lock import compare, read_lock, update_command, write_lock
from boundaries.shards import add_commands as add_shard_commands
from boundaries.shards import run_command as run_shard_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boundaries")
    commands = parser.add_subparsers(dest="command", required=True)
    contracts = commands.add_parser(
        "contracts", help="check that contracts are pure and compatible with their lock"
    )
    contracts.add_argument("products", nargs="*", metavar="PRODUCT")
    contracts.add_argument("--all", action="store_true", help="every isolated product")
    contracts.add_argument(
        "--update-lock",
        action="store_true",
        help="accept the contracts' current shape: rewrite their lock",
    )
    discover = commands.add_parser(
        "discover", help="which tests the changes between two commits can affect"
    )
    discover.add_argument("--base", required=True, help="the commit the change is compared to")
    discover.add_argument("--head", default="HEAD", help="the checked-out commit (default HEAD)")
    discover.add_argument("--json", action="store_true", help="print the plan as JSON for CI")
    add_shard_commands(commands)
    for command in commands.choices.values():
        command.add_argument("--root", type=Path, default=Path.cwd(), help="the project root")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    if args.command == "discover":
        return print_plan(root, args.base, args.head, as_json=args.json)
    if args.command in ("shards", "durations"):
        return run_shard_command(root, args)
    if bool(args.products) == args.all:
        parser.error("name the products to check, or pass --all (not both)")
    for product in args.products:
        if not (facade_directory(root, product) / "contracts.py").is_file():
            parser.error(f"no product {product!r}: it has no backend/facade/contracts.py")
    products = args.products or isolated_products(root)
    results = [check_product(root, product, update=args.update_lock) for product in products]
    if not args.update_lock:
        verdict = "all pass" if all(results) else f"{results.count(False)} fail"
        print(f"contracts: {len(products)} products checked, {verdict}")
    return 0 if all(results) else 1


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


if __name__ == "__main__":
    sys.exit(main())
