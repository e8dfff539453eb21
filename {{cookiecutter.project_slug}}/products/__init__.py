"""Products: self-contained vertical slices, each a Django app under ``<name>/backend``."""
