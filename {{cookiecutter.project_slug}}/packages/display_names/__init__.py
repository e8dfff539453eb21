"""Display names: the text people type as a name, made fit to store, show and compare.

Names arrive pasted from word processors, spreadsheets and phones, with
full-width letters, ligatures, non-breaking and zero-width spaces, and stray
control or direction-changing characters. :func:`normalize` gives the one
form to store and show; :func:`comparison_key` says when two names are the
same to a reader.
"""

from ._normalize import comparison_key, normalize

__all__ = ["comparison_key", "normalize"]
