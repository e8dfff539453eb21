import pytest
from django.core.exceptions import ValidationError

from core.validators import no_control_characters


@pytest.mark.parametrize("text", ["Blue mug", "Tasse à café", "マグカップ", "🍵 tea", ""])
def test_printable_text_passes(text: str) -> None:
    no_control_characters(text)


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "nul\x00", "del\x7f", "c1\x85"])
def test_control_characters_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        no_control_characters(text)

    assert refused.value.code == "control_characters"
