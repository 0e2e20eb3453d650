"""Stable JSON errors: every failure is `{"error": {"code", "message", "field"?}}`.

Clients match on `code` (stable) and show `message` (human, translatable). `field` names the input
that is wrong, as a dotted path, when there is one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import Field

from stepstones.errors import ActionError


class ApiError(Exception):
    """An error the API reports as it is: a status, a stable code, a message and maybe a field."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


class NotAnObject(ValueError):
    """A body that is valid JSON but not the one JSON object every operation takes."""


class ObjectParser(Parser):
    """Django Ninja's JSON parser, refusing a body that is not one JSON object.

    Every operation takes an object; Ninja handed a list or a string to a schema whose fields all
    have defaults, which then opened a case from `[1, 2, 3]` (found by the hostile-input test).
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject(type(data).__name__)
        return data


def _unreadable(exc: HttpError) -> str | None:
    """What was wrong with a body Ninja could not read, in words; None for other 400s."""
    cause = exc.__cause__
    if isinstance(cause, NotAnObject):
        return _("The body must be one JSON object ({...}).")
    if isinstance(cause, RecursionError):
        return _("The body is not valid JSON: it is nested too deeply.")
    if isinstance(cause, (ValueError, UnicodeDecodeError)):
        return _("The body is not valid JSON.")
    return None


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine code: match on it.")
    message: str = Field(description="For people, in the request's language.")
    field: str | None = Field(None, description="The input that is wrong, as a dotted path.")


class ErrorOut(Schema):
    """Every error the API answers with."""

    error: ErrorDetail


# What each error status means, as the handlers below and the middleware really send them.
ERROR_STATUSES = {
    400: "The body is not valid JSON or not one JSON object (`malformed_json`, `error`), or an "
    "action refused a value (`invalid`; `field` names it).",
    401: "No valid API token or session (`unauthenticated`, `invalid_token`, "
    "`second_factor_required`).",
    403: "Known, but not allowed to do this (`forbidden`, or an action's own code).",
    404: "Missing, or not yours: never told apart (`not_found`).",
    409: "The object's state does not allow this now (an action's code, e.g. `conflict`).",
    413: "The body is too large (`too_large`).",
    422: "An input is not valid; `field` names it (`invalid`, `null_character`, ...).",
    429: "Too many anonymous requests; retry after `Retry-After` seconds (`rate_limited`).",
}
_BODY_ERRORS = (400, 413, 422)
_SIGNED_IN_ERRORS = (401, 403, 404)
_WRITES = ("post", "put", "patch", "delete")


def error_statuses(method: str, *, has_body: bool, secured: bool, limited: bool) -> list[int]:
    """Return the error statuses one operation can answer with (see `ERROR_STATUSES`)."""
    statuses = {422}  # a NUL in a query string or body is refused everywhere
    if has_body:
        statuses.update(_BODY_ERRORS)
    if secured:
        statuses.update(_SIGNED_IN_ERRORS)
        if method in _WRITES:
            # The actions' refusals: a value (400) or the object's state (409).
            statuses.update((400, 409))
    if limited:
        statuses.add(429)
    return sorted(statuses)


def document_errors(schema: dict[str, Any], limited_paths: frozenset[str]) -> dict[str, Any]:
    """Add the error responses every operation really gives to an OpenAPI document.

    The handlers answer errors before (or instead of) the view's own response schema, so ninja
    does not see them; without this the description lists only the success.
    `limited_paths` are the paths the public rate limit counts (anonymous callers only).
    """
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(error_schema.pop("$defs", {}))
    components["ErrorOut"] = error_schema
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            statuses = error_statuses(
                method,
                has_body="requestBody" in operation,
                secured=bool(operation.get("security")),
                limited=path in limited_paths,
            )
            responses = operation.setdefault("responses", {})
            for status in statuses:
                responses.setdefault(
                    str(status), {"description": ERROR_STATUSES[status], "content": content}
                )
    return schema


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """Return the JSON body of an error response."""
    error: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        error["field"] = field
    return {"error": error}


def _location(loc: list[Any] | tuple[Any, ...]) -> str:
    # Ninja prefixes the source ("body", "payload"); the client only cares about its own fields.
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "form")]
    return ".".join(parts)


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every error from `api` use the stable error body."""

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.field), status=exc.status
        )

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        field = _location(first.get("loc", ())) or None
        message = str(first.get("msg", "The request is not valid."))
        if field:
            message = f"{field}: {message}"
        return api.create_response(request, error_body("invalid", message, field), status=422)

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, error_body("unauthenticated", "Log in or send a valid API token."), status=401
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        unreadable = _unreadable(exc) if exc.status_code == 400 else None
        if unreadable is not None:
            return api.create_response(
                request, error_body("malformed_json", unreadable), status=400
            )
        codes = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
        return api.create_response(
            request,
            error_body(codes.get(exc.status_code, "error"), str(exc.message)),
            status=exc.status_code,
        )

    @api.exception_handler(ActionError)
    def on_action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        # The actions' refusals: same code, message and field as the pages show.
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.field), status=exc.status
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Missing and not-yours alike: the message never tells them apart.
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request,
            error_body("forbidden", _("You may read this but not change it.")),
            status=403,
        )

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django raises it when the body is read (parsing, or a form-encoded CSRF check); without
        # this it would become Django's HTML 400 page.
        message = _("The request body is over %(limit)s bytes.") % {
            "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        return api.create_response(request, error_body("too_large", message), status=413)
