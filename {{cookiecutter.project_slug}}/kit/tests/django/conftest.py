"""The kit's Django tests run inside a baked project (the template's CI bakes one): they
borrow its test model, a table the guard can watch."""

from core.tests.conftest import make_note, note_table

__all__ = ["make_note", "note_table"]
