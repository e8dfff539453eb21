"""What a facade may return besides contracts and enums (and containers of them).

Shared by the facade-return check (``slicekit.django.checks``) and the test helpers and
facade guard (``slicekit.testing``), which must not load the checks.
"""

import datetime as dt
import uuid
from decimal import Decimal

CONTRACT_SCALARS = (
    bool,
    int,
    float,
    str,
    bytes,
    Decimal,
    uuid.UUID,
    dt.date,
    dt.datetime,
    dt.time,
    dt.timedelta,
)
