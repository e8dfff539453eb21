import json
import random
from pathlib import Path
from typing import Any

import pytest

from slicekit.__main__ import main
from slicekit.discover import make_plan
from slicekit.shards import (
    DURATIONS_FILE,
    PROJECT,
    ShardError,
    plan_shards,
    read_durations,
    record_durations,
)

from ..project import PROJECT_ROOT, project_file

TESTPATHS = ["boundaries", "config", "core", "packages", "products"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project with this project's turbo.json and 40 products, p00 to p39."""
    (tmp_path / "turbo.json").write_text(project_file("turbo.json").read_text())
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.pytest.ini_options]\ntestpaths = {json.dumps(TESTPATHS)}\n"
    )
    for index in range(40):
        add_product(tmp_path, f"p{index:02}")
    return tmp_path


def add_product(root: Path, name: str) -> None:
    directory = root / "products" / name
    (directory / "backend").mkdir(parents=True)
    (directory / "backend" / "apps.py").touch()
    (directory / "package.json").write_text(json.dumps({"name": f"@site/{name}"}))


def selective(*products: str) -> dict[str, Any]:
    """A plan as ``discover --json`` prints it for a pull request."""
    return {
        "full_suite": False,
        "products": list(products),
        "turbo_args": [f"--filter=@site/{product}" for product in products],
    }


FULL_SUITE = {"full_suite": True, "products": [], "turbo_args": []}
EVERYTHING_FORCED = {"full_suite": True, "products": [], "turbo_args": ["--force"]}


def synthetic(seed: int = 14) -> dict[str, float]:
    """Durations from 2 to 30 seconds: the spread of a real project's products."""
    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    durations = {f"p{index:02}": round(rng.uniform(2, 30), 1) for index in range(40)}
    return {**durations, PROJECT: 25.0}


def test_every_selected_product_is_in_exactly_one_shard(project: Path) -> None:
    chosen = [f"p{index:02}" for index in range(0, 40, 3)]

    shards = plan_shards(project, selective(*chosen), synthetic(), 4)

    units = [unit for shard in shards for unit in shard.units]
    assert sorted(units) == chosen
    for shard in shards:
        filters = [f"--filter=@site/{product}" for product in shard.units]
        assert shard.turbo == " ".join(filters)
        assert shard.pytest == ""  # a selective plan runs no full suite


def skewed() -> dict[str, float]:
    """A few slow products among many fast ones: filling shards in turn fails here."""
    slow = {"p00": 40.0, "p01": 30.0, "p02": 20.0, "p03": 10.0}
    return {**{f"p{index:02}": 2.0 for index in range(40)}, **slow, PROJECT: 2.0}


@pytest.mark.parametrize("plan", [selective(*(f"p{i:02}" for i in range(40))), FULL_SUITE])
@pytest.mark.parametrize(
    "durations",
    [synthetic(14), synthetic(15), synthetic(16), skewed()],
    ids=["seed 14", "seed 15", "seed 16", "skewed"],
)
def test_shards_are_within_20_percent_of_each_other(
    project: Path, plan: dict[str, Any], durations: dict[str, float]
) -> None:
    shards = plan_shards(project, plan, durations, 4)
    loads = [shard.seconds for shard in shards]

    assert len(shards) == 4
    assert max(loads) <= 1.2 * min(loads)


def test_the_full_suite_runs_every_test_path_once(project: Path) -> None:
    (project / "products" / "test_every_product.py").touch()  # a test that is no product's

    shards = plan_shards(project, FULL_SUITE, synthetic(), 3)

    paths = [path for shard in shards for path in shard.pytest.split()]
    products = [f"products/p{index:02}" for index in range(40)]
    expected = ["boundaries", "config", "core", "packages", "products/test_every_product.py"]
    assert sorted(paths) == sorted(products + expected)
    assert all(shard.turbo == "" for shard in shards)  # the full suite alone: no turbo run


def test_a_forced_run_also_runs_each_shards_products_through_turbo(project: Path) -> None:
    shards = plan_shards(project, EVERYTHING_FORCED, synthetic(), 3)

    for shard in shards:
        products = [unit for unit in shard.units if unit != PROJECT]
        filters = [f"--filter=@site/{product}" for product in products]
        assert shard.turbo == (" ".join(["--force", *filters]) if products else "")


def test_an_unknown_product_counts_as_the_median(project: Path) -> None:
    durations = {"p00": 10.0, "p01": 20.0, "p02": 60.0}

    (shard,) = plan_shards(project, selective("p00", "p01", "p02", "p03"), durations, 1)

    assert shard.seconds == 10 + 20 + 60 + 20


def test_without_any_durations_every_unit_weighs_the_same(project: Path) -> None:
    shards = plan_shards(project, selective("p00", "p01", "p02", "p03"), {}, 2)

    assert [len(shard.units) for shard in shards] == [2, 2]


def test_an_empty_plan_has_no_shard(project: Path) -> None:
    assert plan_shards(project, selective(), synthetic(), 4) == []


def test_more_shards_than_products_gives_one_product_each(project: Path) -> None:
    shards = plan_shards(project, selective("p00", "p01"), synthetic(), 8)

    assert sorted(shard.units for shard in shards) == [("p00",), ("p01",)]
    assert {shard.as_json()["name"] for shard in shards} == {"1 of 2", "2 of 2"}


def test_no_shard_is_opened_for_less_than_the_minimum(project: Path) -> None:
    durations = {"p00": 20.0, "p01": 20.0, "p02": 20.0, "p03": 20.0}
    plan = selective("p00", "p01", "p02", "p03")

    assert len(plan_shards(project, plan, durations, 4, min_seconds=40)) == 2
    assert len(plan_shards(project, plan, durations, 4, min_seconds=500)) == 1
    assert len(plan_shards(project, plan, durations, 4)) == 4


def test_the_same_inputs_give_the_same_shards(project: Path) -> None:
    plan = selective(*(f"p{i:02}" for i in range(40)))

    assert plan_shards(project, plan, synthetic(), 5) == plan_shards(project, plan, synthetic(), 5)


def durations_file(project: object, products: dict[str, object]) -> str:
    return json.dumps({"project": project, "products": products})


def run_cli(
    project: Path, plan: str, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    path = project / "plan.json"
    path.write_text(plan)
    code = main(["shards", "--plan", str(path), "--root", str(project), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_prints_json_for_ci(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / DURATIONS_FILE).write_text(durations_file(5, {"p00": 3}))

    code, out, _ = run_cli(
        project, json.dumps(selective("p00", "p01")), "--shards", "2", "--json", capsys=capsys
    )

    assert code == 0
    shards = json.loads(out)
    assert [(shard["name"], shard["units"], shard["seconds"]) for shard in shards] == [
        ("1 of 2", ["p00"], 3.0),
        ("2 of 2", ["p01"], 3.0),  # unknown: the median of the products' durations
    ]
    assert [(shard["pytest"], shard["turbo"]) for shard in shards] == [
        ("", "--filter=@site/p00"),
        ("", "--filter=@site/p01"),
    ]


def test_an_empty_plan_prints_an_empty_matrix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        project, json.dumps(selective()), "--shards", "4", "--json", capsys=capsys
    )

    assert (code, out) == (0, "[]\n")


@pytest.mark.parametrize(
    ("plan", "durations", "shards", "message"),
    [
        ("{not json", None, "2", "the plan is not JSON"),
        ('{"products": []}', None, "2", "the plan is not discover's JSON: no 'full_suite'"),
        ('{"full_suite": "no", "products": [], "turbo_args": []}', None, "2", "not true or false"),
        ('{"full_suite": false, "products": "p00", "turbo_args": []}', None, "2", "not a list"),
        (json.dumps(selective("nope")), None, "2", "the plan names nope, not a product here"),
        (
            '{"full_suite": true, "products": [], "turbo_args": ["--force", "x y"]}',
            None,
            "2",
            "the plan's turbo_args are not all flags",
        ),
        (json.dumps(selective("p00")), None, "0", "--shards must be at least 1, not 0"),
        (json.dumps(selective("p00")), "[1, 2]", "2", f"{DURATIONS_FILE}: unreadable"),
        (json.dumps(selective("p00")), '{"project": 1}', "2", f"{DURATIONS_FILE}: unreadable"),
        (
            json.dumps(selective("p00")),
            durations_file(1, {"p00": -3}),
            "2",
            "p00 has -3, not a number of seconds",
        ),
        (
            json.dumps(selective("p00")),
            durations_file(float("inf"), {}),
            "2",
            "(project) has inf, not a number of seconds",
        ),
        (
            json.dumps(selective("p00")),
            durations_file(1, {"p00": float("nan")}),
            "2",
            "p00 has nan, not a number of seconds",
        ),
        (
            json.dumps(selective("p00")),
            durations_file("slow", {}),
            "2",
            "(project) has 'slow', not a number of seconds",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    plan: str,
    durations: str | None,
    shards: str,
    message: str,
) -> None:
    if durations is not None:
        (project / DURATIONS_FILE).write_text(durations)

    code, out, err = run_cli(project, plan, "--shards", shards, capsys=capsys)

    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("shards: ")
    assert message in err


def test_a_missing_plan_file_is_one_line_and_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["shards", "--plan", str(project / "nope.json"), "--shards", "2"])

    assert code == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def turbo_task(package: str, name: str, seconds: float, exit_code: int = 0) -> dict[str, Any]:
    """One task as ``turbo run --summarize`` records it (times in milliseconds)."""
    return {
        "taskId": f"{package}#{name}",
        "task": name,
        "package": package,
        "execution": {"startTime": 1000, "endTime": 1000 + seconds * 1000, "exitCode": exit_code},
    }


def test_durations_are_read_from_the_recorded_turbo_run(project: Path) -> None:
    summary = {
        "tasks": [
            turbo_task("@site/p01", "backend:test", 4.25),
            turbo_task("@site/p00", "backend:test", 2.0),
            turbo_task("@site/p00", "backend:contract-check", 9.0),  # not a test task
            turbo_task("@elsewhere/p00", "backend:test", 9.0),  # not a product here
        ]
    }

    content = record_durations(project, summary, project_seconds=7.04)

    assert content["products"] == {"p00": 2.0, "p01": 4.2}
    assert content["project"] == 7.0
    (project / DURATIONS_FILE).write_text(json.dumps(content))
    assert read_durations(project / DURATIONS_FILE) == {"p00": 2.0, "p01": 4.2, PROJECT: 7.0}


def test_durations_are_only_recorded_from_a_green_run(project: Path) -> None:
    failed = turbo_task("@site/p00", "backend:test", 1.0, exit_code=1)

    with pytest.raises(ShardError, match="@site/p00#backend:test failed"):
        record_durations(project, {"tasks": [failed]}, project_seconds=1.0)


def test_a_project_without_products_runs_its_full_suite_in_one_shard(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["core"]\n')

    (shard,) = plan_shards(tmp_path, FULL_SUITE, {}, 4)

    assert (shard.units, shard.pytest, shard.turbo) == ((PROJECT,), "core", "")


def test_the_durations_file_tests_nothing_when_it_changes(project: Path) -> None:
    plan = make_plan(project, [DURATIONS_FILE])

    assert (plan.full_suite, plan.products) == (False, ())


@pytest.mark.needs_project  # the durations a bake records
def test_this_projects_durations_file_is_readable() -> None:
    assert PROJECT in read_durations(PROJECT_ROOT / DURATIONS_FILE)
