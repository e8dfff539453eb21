"""kit-in-production: production modules import nothing of the kit; tests may."""

from pathlib import Path

from slicekit.kit_imports import lint_kit_imports


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_production_module_importing_the_kit_is_reported_at_its_line(tmp_path: Path) -> None:
    write(tmp_path, "products/orders/backend/logic.py", "import os\nfrom slicekit.names import X\n")
    write(tmp_path, "core/products.py", "\n\nimport slicekit.django.guard as guard\n")

    findings = lint_kit_imports(tmp_path, ["products/orders", "core"])

    assert [str(f).split(", but")[0] for f in findings] == [
        "products/orders/backend/logic.py:2: kit-in-production: imports slicekit.names",
        "core/products.py:3: kit-in-production: imports slicekit.django.guard",
    ]


def test_tests_conftest_files_and_look_alike_names_pass(tmp_path: Path) -> None:
    write(tmp_path, "products/orders/backend/tests/test_api.py", "from slicekit import testing\n")
    write(tmp_path, "products/orders/backend/conftest.py", "import slicekit.testing\n")
    write(tmp_path, "core/test_settings_probe.py", "import slicekit\n")
    write(tmp_path, "core/logic.py", "import slicekitchen\nfrom . import slicekit\n")
    write(tmp_path, "core/broken.py", "def (:\n")

    assert lint_kit_imports(tmp_path, ["products/orders", "core"]) == []
