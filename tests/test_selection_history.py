"""Fast tier: the selection benchmark's history generator and scoring (benchmarks/history.py).

Replaying a history needs a baked, installed project (minutes), so these tests hold
what the benchmark's figures rest on: a graph deep enough, a history of every kind
and the same one for the same seed, an edit for each kind, and a score that calls a
commit unsafe when a failing product was skipped.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import history
import history_edits


@pytest.mark.parametrize("count", [4, 12, 30])
def test_the_graph_is_at_least_three_deep_and_uses_only_earlier_products(count: int) -> None:
    graph = history.product_graph(count, seed=1)

    assert list(graph) == history.names(count)
    assert history.depth(graph) >= 3
    for index, (name, uses) in enumerate(graph.items()):
        assert set(uses) <= set(history.names(count)[:index]), name


def test_the_bake_answer_names_each_products_uses() -> None:
    graph = {"p01": [], "p02": ["p01"], "p03": ["p01", "p02"]}

    assert history.products_answer(graph) == "p01, p02:p01, p03:p01+p02"


def test_users_are_found_through_any_chain() -> None:
    graph = {"p01": [], "p02": ["p01"], "p03": ["p02"], "p04": []}

    assert history.users(graph, "p01") == {"p02", "p03"}
    assert history.users(graph, "p04") == set()


def test_a_seed_gives_one_history_of_every_kind() -> None:
    graph = history.product_graph(12, seed=1)
    first = history.generate(graph, 200, seed=1)

    assert first == history.generate(graph, 200, seed=1)
    assert first != history.generate(graph, 200, seed=2)
    assert {planned.kind for planned in first} == set(history.BY_NAME)
    assert [planned.number for planned in first] == list(range(1, 201))


def test_a_surface_break_touches_a_product_someone_uses() -> None:
    graph = history.product_graph(12, seed=1)
    surface = ("contract-break", "enum-break", "facade-signature")

    for planned in history.generate(graph, 400, seed=3):
        if planned.kind in surface:
            assert history.users(graph, planned.product), planned
        shared = not history.BY_NAME[planned.kind].per_product
        assert (planned.product == "") == shared, planned


def test_every_kind_has_an_edit() -> None:
    assert set(history_edits.EDITS) == set(history.BY_NAME)


def test_the_score_counts_work_skipped_and_commits_that_skipped_a_failure() -> None:
    score = history.Score(products=4)
    planned = history.generate({"p01": [], "p02": ["p01"]}, 2, seed=1)

    score.add(planned[0], chosen={"p01"}, failing={"p01"})
    score.add(planned[1], chosen={"p01"}, failing={"p01", "p02"})

    assert score.skipped == pytest.approx(1 - 2 / 8)
    assert score.safe == pytest.approx(0.5)
    assert len(score.unsafe) == 1
    assert "skipped failing p02" in score.unsafe[0]
