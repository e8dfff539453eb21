"""The boundary system checks: this project passes them, and they judge facade types."""

import uuid
from collections.abc import Iterator

from django.core.checks import run_checks

from slicekit.django.checks import TAG, _return_problem

from core.models import User


def test_this_project_passes_the_boundary_checks() -> None:
    assert run_checks(tags=[TAG]) == []


def returns_nothing() -> None:
    return None


def returns_scalars() -> tuple[uuid.UUID | None, ...]:
    return ()


def returns_ids() -> Iterator[int]:
    yield 1


def returns_a_model() -> User:
    return User()


def returns_models() -> tuple[User, ...]:
    return ()


def returns_anything() -> object:
    return object()


def unannotated():  # type: ignore[no-untyped-def]
    return None


def test_scalars_and_containers_of_them_are_allowed() -> None:
    for function in (returns_nothing, returns_scalars):
        assert _return_problem(function) == "", function.__name__


def test_containers_a_receiver_could_change_or_that_hide_their_kind_are_refused() -> None:
    assert _return_problem(returns_ids) == "returns Iterator, which is not a contract"


def test_models_are_refused_even_inside_containers() -> None:
    for function in (returns_a_model, returns_models):
        assert _return_problem(function) == "returns core.models.User, an ORM model, not a contract"


def test_types_that_are_not_contracts_and_missing_annotations_are_refused() -> None:
    assert _return_problem(returns_anything) == "returns object, which is not a contract"
    assert "has no return annotation" in _return_problem(unannotated)
