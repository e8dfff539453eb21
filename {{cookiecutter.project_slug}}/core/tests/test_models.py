import uuid
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model

from core.models import User

from .models import Note

pytestmark = pytest.mark.django_db


def test_the_custom_user_model_is_active() -> None:
    assert get_user_model() is User


def test_users_authenticate_with_a_hashed_password() -> None:
    user = User.objects.create_user(username="grace", password="a-long-test-password")  # noqa: S106

    assert user.password != "a-long-test-password"  # noqa: S105
    assert user.check_password("a-long-test-password")


def test_the_primary_key_is_a_random_uuid(make_note: Callable[..., Note]) -> None:
    first, second = make_note(), make_note()

    assert isinstance(first.pk, uuid.UUID)
    assert first.pk != second.pk


def test_timestamps_are_set_on_creation_and_moved_on_save(make_note: Callable[..., Note]) -> None:
    note = make_note()
    created_at, updated_at = note.created_at, note.updated_at

    note.text = "edited"
    note.save()

    assert note.created_at == created_at
    assert note.updated_at > updated_at


def test_delete_hides_the_row_without_removing_it(make_note: Callable[..., Note]) -> None:
    note, kept = make_note("deleted"), make_note("kept")

    assert note.delete() == (1, {"core_tests.Note": 1})

    assert note.is_deleted
    assert list(Note.objects.all()) == [kept]
    assert Note.all_objects.get(pk=note.pk).deleted_at is not None
    with pytest.raises(Note.DoesNotExist):
        Note.objects.get(pk=note.pk)


def test_a_queryset_delete_is_soft_too(make_note: Callable[..., Note]) -> None:
    make_note("one"), make_note("two")

    assert Note.objects.all().delete() == (2, {"core_tests.Note": 2})

    assert Note.objects.count() == 0
    assert Note.all_objects.count() == 2


def test_a_deleted_row_can_be_restored(make_note: Callable[..., Note]) -> None:
    note = make_note()
    note.delete()

    note.restore()

    assert Note.objects.get(pk=note.pk).deleted_at is None


def test_hard_delete_removes_the_row(make_note: Callable[..., Note]) -> None:
    note, other = make_note(), make_note()

    note.hard_delete()
    Note.all_objects.filter(pk=other.pk).hard_delete()

    assert Note.all_objects.count() == 0


def test_an_owned_row_hides_its_reverse_accessor_from_the_user(
    make_note: Callable[..., Note], user: User
) -> None:
    note = make_note(owner=user)

    assert note.owner == user
    reverse_models = [relation.related_model for relation in User._meta.related_objects]
    assert Note not in reverse_models, "shared code must not reach into products through User"
