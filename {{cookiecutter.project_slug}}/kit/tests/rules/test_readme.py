from pathlib import Path

import pytest

from slicekit.names import ProductNames
from slicekit.readme import lint_readme

API = """
def create_thing(name: str) -> int: ...
async def fetch_thing(thing_id: int) -> int: ...
def _private() -> None: ...
"""
VIEWS = """
class ThingListView(APIView):
    def get(self, request): ...
    def post(self, request): ...
    def helper(self): ...

class ThingDetailView(APIView):
    def delete(self, request, thing_id): ...
"""
URLS = """
urlpatterns = [
    path("things/", ThingListView.as_view(), name="thing-list"),
    path("things/<int:thing_id>/", ThingDetailView.as_view(), name="thing-detail"),
]
"""
EVENTS = """
@dataclass(frozen=True)
class ThingSold:
    thing_id: int
"""
TASKS = """
@shared_task(name="shop.sweep")
def sweep() -> None: ...
"""
README = """# Shop

| function | returns |
| --- | --- |
| `create_thing(name)` | an id |
| `fetch_thing(thing_id)` | an id |

| method | path |
| --- | --- |
| `GET` | `/api/shop/things/` |
| `POST` | `/api/shop/things/` |
| `DELETE` | `/api/shop/things/<int:thing_id>/` |

Task `shop.sweep` runs nightly. It publishes `ThingSold(thing_id)`.
"""


@pytest.fixture
def product(tmp_path: Path) -> Path:
    backend = tmp_path / "products" / "shop" / "backend"
    for relative, text in {
        "facade/api.py": API,
        "presentation/views.py": VIEWS,
        "presentation/urls.py": URLS,
        "tasks/tasks.py": TASKS,
        "facade/events.py": EVENTS,
    }.items():
        (backend / relative).parent.mkdir(parents=True, exist_ok=True)
        (backend / relative).write_text(text)
    (tmp_path / "products" / "shop" / "README.md").write_text(README)
    return tmp_path


def findings(root: Path) -> list[str]:
    return [str(finding) for finding in lint_readme(root, ProductNames("shop"))]


def test_a_complete_readme_passes(product: Path) -> None:
    assert findings(product) == []


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        ("| `fetch_thing(thing_id)` | an id |\n", "facade function fetch_thing is not documented"),
        ("| `POST` | `/api/shop/things/` |\n", "endpoint POST /api/shop/things/ is not documented"),
        (
            "| `DELETE` | `/api/shop/things/<int:thing_id>/` |\n",
            "endpoint DELETE /api/shop/things/<int:thing_id>/ is not documented",
        ),
        ("Task `shop.sweep` runs nightly.", "task shop.sweep is not documented"),
        (" It publishes `ThingSold(thing_id)`.", "event ThingSold is not documented"),
    ],
)
def test_each_undocumented_part_is_reported(product: Path, removed: str, expected: str) -> None:
    readme = product / "products" / "shop" / "README.md"
    readme.write_text(readme.read_text().replace(removed, ""))

    [finding] = findings(product)
    assert finding.startswith(f"products/shop/README.md: readme: {expected}: add ")


def test_a_method_and_a_path_on_different_lines_do_not_count(product: Path) -> None:
    readme = product / "products" / "shop" / "README.md"
    readme.write_text(
        readme.read_text().replace(
            "| `DELETE` | `/api/shop/things/<int:thing_id>/` |",
            "`DELETE`\n`/api/shop/things/<int:thing_id>/`",
        )
    )

    assert findings(product) == [
        "products/shop/README.md: readme: endpoint DELETE /api/shop/things/<int:thing_id>/ is not "
        "documented: add a line with `DELETE` and `/api/shop/things/<int:thing_id>/`"
    ]


def test_no_readme_is_left_to_the_layout_lint(product: Path) -> None:
    (product / "products" / "shop" / "README.md").unlink()

    assert findings(product) == []
