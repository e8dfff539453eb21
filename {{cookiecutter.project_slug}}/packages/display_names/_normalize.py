"""The Unicode rules behind the public functions."""

import unicodedata

# Control characters, format characters (direction overrides, zero-width spaces,
# soft hyphens, byte-order marks) and lone surrogates: invisible, able to make two
# names look alike or to reorder what is shown, and (surrogates) unstorable as UTF-8.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# The zero-width (non-)joiners are format characters that emoji sequences and several
# scripts (Persian, the Indic scripts) need to spell words correctly.
_JOINERS = frozenset({"\N{ZERO WIDTH NON-JOINER}", "\N{ZERO WIDTH JOINER}"})


def normalize(name: str) -> str:
    """The form of ``name`` to store and show; blank names become ``""``.

    Invisible characters are removed, the text is put in Unicode NFKC form
    (full-width letters, ligatures and compatibility spaces become their plain
    equivalents) and every run of whitespace becomes one space, with none at
    either end. Normalizing twice changes nothing.
    """
    visible = "".join(char for char in name if _is_kept(char))
    return " ".join(unicodedata.normalize("NFKC", visible).split())


def comparison_key(name: str) -> str:
    """A key equal for two names a reader would call the same, ignoring case.

    Compare or index by this key, and store and show :func:`normalize`'s form.
    It case-folds, so "STRASSE" and "Straße" share a key, then re-applies NFKC,
    which case folding can undo.
    """
    return unicodedata.normalize("NFKC", normalize(name).casefold())


def _is_kept(char: str) -> bool:
    if char.isspace() or char in _JOINERS:
        return True  # whitespace is collapsed afterwards, not removed
    return unicodedata.category(char) not in _REMOVED_CATEGORIES
