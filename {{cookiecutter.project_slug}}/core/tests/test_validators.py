import pytest
from django.core.exceptions import ValidationError

from core.validators import no_control_characters, not_blank


@pytest.mark.parametrize("text", ["Blue mug", "Tasse à café", "マグカップ", "🍵 tea", ""])
def test_printable_text_passes(text: str) -> None:
    no_control_characters(text)


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "nul\x00", "del\x7f", "c1\x85"])
def test_control_characters_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        no_control_characters(text)

    assert refused.value.code == "control_characters"


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\u200b\u200b", "\u3000"])
def test_blank_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        not_blank(text)

    assert refused.value.code == "blank"


@pytest.mark.parametrize("text", ["a", " Blue mug ", "マ", "🍵"])
def test_text_with_something_visible_passes(text: str) -> None:
    not_blank(text)
