"""Errors as RFC 9457 problem details (`application/problem+json`), translated by the
request's language:

    {"type": "urn:cse:problem:deadline", "title": "Forbidden", "status": 403,
     "detail": "The deadline has passed. …", "code": "deadline",
     "errors": {"field": ["message", …]}}

`code` is stable for programs (the refusal codes of core.permissions and the ones below);
`detail` and `errors` are for people. Statuses: 400 a request that cannot be read (bad JSON,
a bad query parameter), 401 no or a bad token, 403 refused by a rule, 404 not found or not
yours to see, 405 method, 409 a conflict of versions or states, 415 not JSON, 422 input that breaks a rule of the data, 429 too many requests."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    schema,
)
from rest_framework.response import Response
from rest_framework.views import set_rollback

from exchange.core.permissions import Refused

PROBLEM = "application/problem+json"


class Unprocessable(exceptions.APIException):
    status_code = 422
    default_detail = _("Some of what was sent cannot be accepted.")
    default_code = "invalid"


class BadQuery(exceptions.APIException):
    status_code = 400
    default_detail = _("A query parameter cannot be read.")
    default_code = "bad_query"


class Conflict(exceptions.APIException):
    """A write based on an older version: `extra` carries both versions."""

    status_code = 409
    default_detail = _("Someone else changed this in the meantime.")
    default_code = "conflict"

    def __init__(self, detail=None, code=None, extra=None):
        super().__init__(detail, code)
        self.extra = extra or {}


def _title(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _flatten(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _flatten(value)]
    return [str(detail)]


def _field_errors(detail, prefix="") -> dict[str, list[str]]:
    """{"field": [...], "lists.needs.0.area": [...]} from DRF's nested error details."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key in ("non_field_errors", "__all__"):
                name = prefix
            for k, v in _field_errors(value, name).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list) and detail and all(isinstance(d, dict | list) for d in detail):
        for i, value in enumerate(detail):
            for k, v in _field_errors(value, f"{prefix}.{i}" if prefix else str(i)).items():
                out.setdefault(k, []).extend(v)
    else:
        out[prefix] = _flatten(detail)
    return out


def problem(status_code: int, code: str, detail: str, errors=None, headers=None, **extra):
    body = {
        "type": f"urn:cse:problem:{code}",
        "title": _title(status_code),
        "status": status_code,
        "detail": str(detail),
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM)


def _from_django_validation(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = {
            ("" if k == "__all__" else k): [str(m) for m in v] for k, v in exc.message_dict.items()
        }
        general = errors.pop("", [])
        messages = general or [m for v in errors.values() for m in v]
        return problem(422, "invalid", " ".join(messages), errors or None)
    return problem(422, "invalid", " ".join(str(m) for m in exc.messages))


def handler(exc, context):
    if isinstance(exc, Refused):
        set_rollback()
        return problem(exc.status, exc.code, exc.message)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return _from_django_validation(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if not isinstance(exc, exceptions.APIException):
        return None  # a defect: Django's 500 page and the logs
    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        view = context.get("view")
        if view is not None and "WWW-Authenticate" not in headers:
            headers["WWW-Authenticate"] = 'Bearer realm="api"'
    code = exc.get_codes() if not isinstance(exc.detail, dict | list) else exc.default_code
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        general = errors.pop("", [])
        detail = " ".join(general) or str(Unprocessable.default_detail)
        return problem(422, "invalid", detail, errors or None, headers)
    if isinstance(exc, exceptions.Throttled):
        code = "throttled"
    extra = dict(getattr(exc, "extra", {}) or {})
    errors = extra.pop("errors", None)
    detail = (
        exc.detail if not isinstance(exc.detail, dict | list) else " ".join(_flatten(exc.detail))
    )
    return problem(exc.status_code, str(code), str(detail), errors, headers, **extra)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([])
@schema(None)
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/."""
    return problem(404, "not_found", _("There is no such endpoint. See /api/v1/docs/."))
