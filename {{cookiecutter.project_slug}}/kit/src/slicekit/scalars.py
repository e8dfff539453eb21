"""The scalars a contract may hold and a facade may return, besides contracts and enums.

The one list: the static contract check (``slicekit.annotations``, by qualified name), the
facade-return check (``slicekit.django.checks``), the test helpers and facade guard
(``slicekit.testing``, which must not load the checks) all read it, so a field one of them
accepts is accepted by all. Each is immutable and hashable and carries no behaviour. ``None``
is not a type here: each check reads it as the constant it is written as.
"""

import datetime as dt
import uuid
from decimal import Decimal

CONTRACT_SCALARS: tuple[type, ...] = (
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    Decimal,
    uuid.UUID,
    dt.date,
    dt.datetime,
    dt.time,
    dt.timedelta,
    dt.timezone,
)


def qualified_name(scalar: type) -> str:
    """``uuid.UUID``, ``datetime.date``; a builtin bare (``str``), as annotations resolve."""
    if scalar.__module__ == "builtins":
        return scalar.__qualname__
    return f"{scalar.__module__}.{scalar.__qualname__}"


SCALAR_NAMES = frozenset(map(qualified_name, CONTRACT_SCALARS))
