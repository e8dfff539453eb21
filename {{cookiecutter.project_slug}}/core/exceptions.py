"""One place where domain errors become HTTP errors.

Business logic raises the exceptions its product declares in
``facade/contracts.py`` (plain standard-library subclasses, so contracts stay
importable anywhere) and never an HTTP exception. DRF calls
:func:`exception_handler` for every error a view raises; it answers a product's
contract exception by its standard base class:

- ``PermissionError`` → 403 Forbidden
- ``LookupError`` → 404 Not Found (``KeyError``, ``IndexError`` included)
- ``ValueError`` → 409 Conflict: the input was well-formed (the serializer
  accepted it) but a business rule refuses it in the current state

Only exceptions defined in a contracts module are translated: a ``ValueError``
from a bug elsewhere stays a 500 and reaches the error log.
"""

from typing import Any

from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.products import is_contract_module


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


# Checked in order: the first base class that matches decides.
DOMAIN_ERRORS: tuple[tuple[type[Exception], type[APIException]], ...] = (
    (PermissionError, PermissionDenied),
    (LookupError, NotFound),
    (ValueError, Conflict),
)


def as_http_error(error: Exception) -> APIException | None:
    """The HTTP error for a product's contract exception, or None for anything else."""
    if not is_contract_module(type(error).__module__):
        return None
    for domain_error, http_error in DOMAIN_ERRORS:
        if isinstance(error, domain_error):
            return http_error(str(error) or None)
    return None


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    return drf_exception_handler(as_http_error(error) or error, context)
