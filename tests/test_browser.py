"""Full tier: the default bake's web app in a real browser.

`make run` serves the built app; Chromium (Debian's, driven by npm's playwright-core
through tests/browser/drive.mjs) is refused a wrong password, signs in, walks the
navigation, creates an item in the first product, is refused a duplicate (409) and a blank
name (400, beside the field), switches to the dark theme, deletes the item once the dialog
asks, is refused an item whose reference to another product is bad, uses the app at a
phone's width and signs out, finding everything by role and accessible name; axe-core
audits each page on the way (no serious or critical finding). The pages are kept as
screenshots in build/screenshots/, which the template's CI keeps as an artifact.
Why a Node script and not Python's playwright: docs/adr/0013-a-real-browser.md.
"""

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import TEMPLATE, attempt, run
from .options import Cell
from .serving import make_run

BROWSER_TEST = TEMPLATE / "tests" / "browser"
USER = {"username": "browser", "password": "a-browser-test-password"}
INSTALL_HINT = "Chromium is missing: install it with `apt-get install -y chromium` (as root)"
# What tests/browser/drive.mjs does, in order: a run that stops early must not pass.
STEPS = [
    "launch",
    "open",
    "sign-in-refused",
    "sign-in",
    "navigation",
    "open-product",
    "create",
    "duplicate",
    "blank-name",
    "stale-message-clears",
    "dark-theme",
    "delete",
    "refused-field",
    "phone",
    "sign-out",
]
# Where the designed pages are kept (.github/workflows/template.yml uploads the directory).
SCREENSHOTS = TEMPLATE / "build" / "screenshots"
KEPT = (
    "sign-in-refused",
    "home",
    "product",
    "form-errors",
    "dark",
    "delete-confirmation",
    "phone-navigation",
    "phone",
)
# Debian's package, Ubuntu's name for it, and the Chrome that GitHub's runners carry.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def installed_browser() -> str | None:
    return next(filter(None, map(shutil.which, BROWSERS)), None)


def chromium_path() -> str:
    """A Chromium on PATH; as root, Debian's, installed when missing (a fresh machine).

    Never a skip: without a browser this test fails with the line that says how to get one.
    """
    if found := installed_browser():
        return found
    if os.geteuid() != 0:
        pytest.fail(INSTALL_HINT)
    apt = {"DEBIAN_FRONTEND": "noninteractive"}
    status, output = attempt("apt-get", "install", "-y", "chromium", cwd=TEMPLATE, env=apt)
    if status != 0:  # a fresh machine may have no package lists yet
        run("apt-get", "update", cwd=TEMPLATE, env=apt)
        status, output = attempt("apt-get", "install", "-y", "chromium", cwd=TEMPLATE, env=apt)
    assert status == 0, f"{INSTALL_HINT}; apt-get failed:\n{output[-2000:]}"
    found = installed_browser()
    assert found, f"{INSTALL_HINT}; apt-get installed no `chromium` command"
    return found


@pytest.fixture(scope="module")
def browser() -> str:
    """Chromium's path, with playwright-core installed from the lockfile (no browser download)."""
    started = time.monotonic()
    path = chromium_path()
    # playwright-core never downloads browsers; npm ci installs exactly the locked version.
    run("npm", "ci", "--no-audit", "--no-fund", cwd=BROWSER_TEST, timeout=300)
    print(f"browser setup (chromium, npm ci): {time.monotonic() - started:.1f}s")
    return path


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    return bake_once(**tooling_cell.answers())


@pytest.fixture(scope="module")
def server(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make run` on a free port, with a user to sign in as; the app's URL."""
    started = time.monotonic()
    env = {f"DJANGO_SUPERUSER_{key.upper()}": value for key, value in USER.items()}
    env["DJANGO_SUPERUSER_EMAIL"] = "browser@example.com"
    run("make", "migrate", cwd=project, timeout=600)
    run("make", "superuser", cwd=project, env=env)
    log = tmp_path_factory.mktemp("server") / "make-run.log"
    with make_run(project, log) as served:
        # The first start installs the frontend's packages and builds the app.
        status, _ = served.get("/", timeout=900)
        assert status == 200, served.tail()
        print(f"server setup (make migrate, superuser, run): {time.monotonic() - started:.1f}s")
        yield served.url


def product_titles(project: Path) -> dict[str, str]:
    """Each product's title in the navigation, by product name (the app's order)."""
    manifests = sorted((project / "products").glob("*/frontend/manifest.tsx"))
    found = {m.parent.parent.name: re.search(r'title: "([^"]+)"', m.read_text()) for m in manifests}
    assert found
    assert all(found.values()), manifests
    return {product: title.group(1) for product, title in found.items() if title}


def a_consumer(project: Path, titles: dict[str, str]) -> dict[str, str]:
    """A product that uses another (its workspace dependency), and that other one's title."""
    for product in titles:
        package = json.loads((project / "products" / product / "package.json").read_text())
        for dependency in package.get("dependencies", {}):
            used = dependency.rpartition("/")[2]
            if used in titles:
                return {"title": titles[product], "dependency": titles[used]}
    pytest.fail("the default bake has no product that uses another")


@pytest.mark.full
def test_a_user_signs_in_and_manages_items_in_a_real_browser(
    project: Path, server: str, browser: str, tmp_path: Path
) -> None:
    screenshots = SCREENSHOTS
    shutil.rmtree(screenshots, ignore_errors=True)
    screenshots.mkdir(parents=True)
    print(f"screenshots go to {screenshots}")
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "chromium": browser,
                "url": server,
                **USER,
                "products": list(product_titles(project).values()),
                "consumer": a_consumer(project, product_titles(project)),
                "screenshots": str(screenshots),
            }
        )
    )

    status, output = attempt("node", "drive.mjs", str(settings), cwd=BROWSER_TEST, timeout=300)

    steps = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    for step in steps:
        print(f"  {step['step']}: {step['seconds']:.2f}s{'' if step['ok'] else ' FAILED'}")
    failed = [step for step in steps if not step["ok"]]
    assert not failed, f"{failed[0]['step']} failed: {failed[0]['error']}\n{output}"
    assert status == 0, output
    assert [step["step"] for step in steps] == STEPS, output
    assert sorted(path.stem for path in screenshots.iterdir()) == sorted(KEPT)


def test_without_a_browser_or_root_the_test_fails_saying_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Fast tier: a machine without Chromium fails the browser test; it never skips."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on it
    monkeypatch.setattr(os, "geteuid", lambda: 1000)

    with pytest.raises(pytest.fail.Exception, match=r"apt-get install -y chromium"):
        chromium_path()
