import pytest

from packages.display_names import comparison_key, normalize

# Where Unicode keeps its controls, spaces, combining marks, ligatures and
# full-width forms: every code point there, between two letters.
AWKWARD = [*range(0x3400), *range(0xF900, 0x10000)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Blue \t mug\n", "Blue mug"),
        ("Blue\N{NO-BREAK SPACE}mug", "Blue mug"),
        ("Blue\N{IDEOGRAPHIC SPACE}mug", "Blue mug"),
        ("\N{FULLWIDTH LATIN CAPITAL LETTER B}\N{FULLWIDTH LATIN SMALL LETTER L}ue", "Blue"),
        ("\N{LATIN SMALL LIGATURE FI}ne", "fine"),
        ("Cafe\N{COMBINING ACUTE ACCENT}", "Caf\N{LATIN SMALL LETTER E WITH ACUTE}"),
        ("Blue\N{ZERO WIDTH SPACE}mug", "Bluemug"),
        ("Blue\N{SOFT HYPHEN}mug", "Bluemug"),
        ("\N{ZERO WIDTH NO-BREAK SPACE}Blue", "Blue"),
        ("Blue\x00\x07\x7f\x9bmug", "Bluemug"),
        ("\ud800Blue\udfff", "Blue"),
        ("gnp\N{RIGHT-TO-LEFT OVERRIDE}exe.", "gnpexe."),
        ("", ""),
        (" \t\N{ZERO WIDTH SPACE}\n ", ""),
    ],
)
def test_normalize_gives_the_form_to_store(typed: str, stored: str) -> None:
    assert normalize(typed) == stored


@pytest.mark.parametrize(
    "name",
    [
        "\N{MAN}\N{ZERO WIDTH JOINER}\N{WOMAN}\N{ZERO WIDTH JOINER}\N{GIRL}",  # one emoji
        "\N{ARABIC LETTER MEEM}\N{ZERO WIDTH NON-JOINER}\N{ARABIC LETTER YEH}",  # a Persian word
        "\N{GREEK SMALL LETTER ALPHA}\N{CYRILLIC SMALL LETTER ZHE}\N{HIRAGANA LETTER A}",
    ],
)
def test_normalize_keeps_what_a_script_needs(name: str) -> None:
    assert normalize(name) == name


def test_normalize_may_lengthen_a_name() -> None:
    # One compatibility character spells out a whole phrase: check lengths after normalizing.
    assert len(normalize("\N{ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM}")) == 18


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Blue mug", "  BLUE   MUG "),
        ("Stra\N{LATIN SMALL LETTER SHARP S}e", "STRASSE"),
        ("\N{FULLWIDTH LATIN CAPITAL LETTER A}bc", "ABC"),
        ("\N{LATIN SMALL LIGATURE FI}ne", "FINE"),
        ("Caf\N{LATIN SMALL LETTER E WITH ACUTE}", "CAFE\N{COMBINING ACUTE ACCENT}"),
        (
            "\N{GREEK CAPITAL LETTER SIGMA}\N{GREEK CAPITAL LETTER OMEGA}",
            "\N{GREEK SMALL LETTER FINAL SIGMA}\N{GREEK SMALL LETTER OMEGA}",
        ),
        ("Blue\N{ZERO WIDTH SPACE}mug", "bluemug"),
    ],
)
def test_names_a_reader_calls_the_same_share_a_key(first: str, second: str) -> None:
    assert comparison_key(first) == comparison_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Blue mug", "Bluemug"),
        ("Cafe", "Caf\N{LATIN SMALL LETTER E WITH ACUTE}"),
        ("Blue mug", "Blue mugs"),
    ],
)
def test_different_names_have_different_keys(first: str, second: str) -> None:
    assert comparison_key(first) != comparison_key(second)


def test_both_are_idempotent_around_every_awkward_character() -> None:
    for code_point in AWKWARD:
        name = f"a{chr(code_point)}b"
        stored, key = normalize(name), comparison_key(name)
        assert normalize(stored) == stored, hex(code_point)
        assert comparison_key(stored) == key == comparison_key(key), hex(code_point)
