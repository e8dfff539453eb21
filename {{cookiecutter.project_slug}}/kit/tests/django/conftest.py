"""The kit's Django tests run in its test project (tests/testproject): they borrow its user and
its test model, a table the guard can watch."""

from core.tests.conftest import make_note, note_table, user

__all__ = ["make_note", "note_table", "user"]
