"""Fast tier: one skeleton serves the bake and ``startproduct``; the hook is idempotent."""

import json
import sys
import tomllib
from pathlib import Path

from cookiecutter.main import cookiecutter

from .helpers import TEMPLATE, attempt, kit_path, run, run_kit

SHARED = {"Error", "ValidationError"}  # core.openapi's error bodies, the same for every product


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_a_product_added_later_is_identical_to_one_baked_in(bake) -> None:
    baked = bake(products="catalog, orders:catalog")
    later = bake(products="catalog")

    run_kit("slicekit.scaffold", "product", "orders", "--depends-on", "catalog", cwd=later)

    assert tree(later / "products" / "orders") == tree(baked / "products" / "orders")


def test_a_product_using_several_added_later_is_identical_to_one_baked_in(bake) -> None:
    baked = bake(products="catalog, orders:catalog, reviews:catalog+orders")
    later = bake(products="catalog, orders:catalog")

    flags = ("--depends-on", "catalog", "--depends-on", "orders")
    run_kit("slicekit.scaffold", "product", "reviews", *flags, cwd=later)

    assert tree(later / "products" / "reviews") == tree(baked / "products" / "reviews")


def test_the_product_command_refuses_bad_dependencies_in_one_line_and_writes_nothing(
    bake,
) -> None:
    project = bake(products="catalog, orders:catalog")
    # A hand-edited catalog that already names a product reviews among its dependencies.
    domain = project / "products" / "catalog" / "tach.domain.toml"
    domain.write_text(domain.read_text().replace('"//core",', '"//core", "//products.reviews",'))
    before = tree(project)

    for dependencies, error in (
        (["orders", "orders"], "invalid dependency 'orders' of 'reviews': it is listed twice"),
        (["orders", "nowhere"], "invalid dependency 'nowhere' of 'reviews': there is no such"),
        (["reviews"], "invalid dependency 'reviews' of 'reviews': a product cannot depend on"),
        (["Orders"], "invalid dependency name 'Orders': must be a lowercase Python"),
        (
            ["orders"],
            "invalid dependency 'orders' of 'reviews': cycle reviews -> orders -> "
            "catalog -> reviews",
        ),
    ):
        flags = [flag for name in dependencies for flag in ("--depends-on", name)]
        command = (sys.executable, "-m", "slicekit.scaffold", "product", "reviews", *flags)
        returncode, output = attempt(*command, cwd=project, env=kit_path(project))

        assert returncode == 1, dependencies
        assert output.startswith(f"error: {error}"), output
        assert output.count("\n") == 1, output
    assert tree(project) == before


def test_running_the_bake_again_changes_nothing(tmp_path: Path) -> None:
    def bake_into_same_place() -> Path:
        return Path(
            cookiecutter(
                str(TEMPLATE), no_input=True, output_dir=str(tmp_path), overwrite_if_exists=True
            )
        )

    project = bake_into_same_place()
    before = tree(project)
    bake_into_same_place()

    assert tree(project) == before


def test_a_relative_template_path_bakes(tmp_path: Path, monkeypatch) -> None:
    # As `cd template && cookiecutter . --no-input` from a shell.
    monkeypatch.chdir(TEMPLATE)
    monkeypatch.setenv("PWD", str(TEMPLATE))

    project = Path(cookiecutter(".", no_input=True, output_dir=str(tmp_path)))

    assert (project / "products" / "orders" / "backend" / "facade" / "api.py").is_file()


def test_the_baked_contracts_pass_their_check_without_django(bake) -> None:
    project = bake()

    # The template's own interpreter has no Django: the check is standard library only.
    output = run_kit("slicekit", "contracts", "--all", cwd=project)

    assert "contracts: 2 products checked, all pass" in output


def test_the_baked_api_slices_are_complete_scoped_and_accepted(bake) -> None:
    project = bake(products="zeta_shop, alpha:zeta_shop")

    # The hook renders them without Django; `make check` holds them to the generated ones.
    output = run_kit("slicekit", "api", "--all", cwd=project)

    assert "api: 2 products checked, all pass" in output
    for name, prefix in (("zeta_shop", "ZetaShop"), ("alpha", "Alpha")):
        presentation = project / "products" / name / "backend" / "presentation"
        text = (presentation / "openapi.json").read_text()
        schema = json.loads(text)
        assert (presentation / "openapi.lock.json").read_text() == text
        assert sorted(schema["paths"]) == [f"/api/{name}/items/", f"/api/{name}/items/{{item_id}}/"]
        components = list(schema["components"]["schemas"])
        assert components == sorted(components)
        assert f"{prefix}ItemStatus" in components
        assert all(
            component.startswith((prefix, f"Paginated{prefix}")) or component in SHARED
            for component in components
        )
        assert "{{" not in text
        assert "{%" not in text
    alpha = project / "products/alpha/backend/presentation/openapi.json"
    new_item = json.loads(alpha.read_text())["components"]["schemas"]["AlphaNewItem"]
    assert new_item["required"] == ["name", "zeta_shop_item_id"]


def test_isolation_decides_the_interface_the_contract_check_and_the_lock(bake) -> None:
    project = bake(products="catalog")
    run_kit("slicekit.scaffold", "product", "legacy", "--not-isolated", cwd=project)

    for name, isolated in (("catalog", True), ("legacy", False)):
        product = project / "products" / name
        domain = tomllib.loads((product / "tach.domain.toml").read_text())
        scripts = json.loads((product / "package.json").read_text())["scripts"]
        assert ("interfaces" in domain) is isolated, name
        assert ("backend:contract-check" in scripts) is isolated, name
        assert (product / "backend/facade/contracts.lock.json").is_file() is isolated, name
        assert "backend:test" in scripts
    assert "**Not isolated**" in (project / "products/legacy/README.md").read_text()


def test_a_package_from_the_scaffolder_is_lint_clean_at_the_longest_names(bake) -> None:
    project = bake(products="")
    first, second, third = "a" * 20, "b" * 20, "c" * 20  # the longest package names allowed

    run_kit("slicekit.scaffold", "package", first, cwd=project)
    run_kit("slicekit.scaffold", "package", second, "--depends-on", first, cwd=project)
    both = ("--depends-on", second, "--depends-on", first)
    run_kit("slicekit.scaffold", "package", third, *both, cwd=project)

    domain = tomllib.loads((project / "packages" / second / "tach.domain.toml").read_text())
    assert domain["root"]["depends_on"] == [f"//packages.{first}"]
    domain = tomllib.loads((project / "packages" / third / "tach.domain.toml").read_text())
    assert domain["root"]["depends_on"] == [f"//packages.{first}", f"//packages.{second}"]
    run(sys.executable, "-m", "ruff", "check", "--no-cache", "packages", cwd=project)
    run(sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "packages", cwd=project)


def test_the_package_command_refuses_bad_input_in_one_line_and_writes_nothing(bake) -> None:
    project = bake(products="")
    before = tree(project)

    for args, error in (
        (["Money"], "invalid package name 'Money': must be a lowercase Python identifier"),
        (["display_names"], "invalid package name 'display_names': "),
        (
            ["money", "--depends-on", "nowhere"],
            "invalid dependency 'nowhere' of 'money': there is no such package",
        ),
    ):
        command = (sys.executable, "-m", "slicekit.scaffold", "package", *args)
        returncode, output = attempt(*command, cwd=project, env=kit_path(project))

        assert returncode == 1, args
        assert output.startswith(f"error: {error}"), output
        assert output.count("\n") == 1, output
    assert tree(project) == before
