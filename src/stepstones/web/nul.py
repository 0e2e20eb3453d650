"""Refuse the null character (U+0000) at the boundary, before any view reads the request.

PostgreSQL cannot store a NUL in a text or JSON column (psycopg refuses the query: a server
error), SQLite stores it, and nothing a person types contains one. So one middleware refuses it
wherever a request carries text: a query string (`/cases/list/?q=%00`), a form field, and any
string in a JSON body of the API (keys included: `\\u0000` in JSON). The answer names the field:
a 400 page for the pages, the API's stable JSON error (422, `null_character`) for the API, each in
the language the request asks for. A cookie holding a NUL is dropped as if it had not been sent:
a session cookie would otherwise take it to the session table.

Uploaded files are not read here: a file's bytes are the upload's own business.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from stepstones.api.errors import error_body

NUL = "\x00"
# How a NUL is written inside a JSON string. A body without it holds no NUL in any string (a raw
# NUL byte is not valid JSON, and the API's parser refuses it as malformed).
_JSON_NUL = b"\\u0000"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NullCharacterMiddleware:
    """Answer a request carrying a NUL in a query string, form field or JSON string with an error
    naming the field; drop cookies that hold one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if NUL not in name and NUL not in value
            }
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        api = is_api(request)
        field = _in_query(request.GET)
        if field is None:
            field = _in_json_body(request) if api else _in_form(request)
        if field is None:
            return None
        return _api_refusal(field) if api else _page_refusal(request, field)


def is_api(request: HttpRequest) -> bool:
    """Return whether the request goes to the JSON API (its answers are JSON, not pages)."""
    match = request.resolver_match
    return match is not None and "api" in match.namespaces


def _printable(name: str) -> str:
    # A field's own name may hold the NUL; say where it is without sending it back raw.
    return name.replace(NUL, "\\u0000")


def _in_query(data: QueryDict) -> str | None:
    """Return the first field of `data` whose name or a value holds a NUL, or None."""
    for name, values in data.lists():
        if NUL in name or any(NUL in value for value in values):
            return _printable(name)
    return None


def _in_form(request: HttpRequest) -> str | None:
    # Django parses form bodies only; errors parsing one (too large, malformed) propagate, as
    # they would from the view, and become Django's 400 answer.
    if request.method in ("GET", "HEAD", "OPTIONS") or request.content_type not in _FORM_TYPES:
        return None
    return _in_query(request.POST)


def _in_json_body(request: HttpRequest) -> str | None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    try:
        body = request.body
    except RequestDataTooBig:
        return None  # the API answers that itself (413)
    if _JSON_NUL not in body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON the API can read: it says so itself
    return json_nul_path(data)


def json_nul_path(data: Any) -> str | None:
    """Return the dotted path (`identity.names.0.value`) of the first string in `data`, key or
    value, that holds a NUL; None when none does. Walks without recursion: any depth is safe."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return ".".join(path) or "input"
        elif isinstance(value, dict):
            for key in value:
                if NUL in key:
                    return ".".join((*path, _printable(key)))
            # Reversed onto the stack, so fields are looked at in the order they were sent.
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, str(i)), item) for i, item in reversed(list(enumerate(value))))
    return None


def _message(field: str) -> str:
    return _(
        "“%(field)s” contains a null character, an invisible control character that cannot be "
        "stored. Remove it and send again."
    ) % {"field": field}


def _api_refusal(field: str) -> HttpResponse:
    response = JsonResponse(error_body("null_character", _message(field), field), status=422)
    response["Cache-Control"] = "no-store"
    return response


def _page_refusal(request: HttpRequest, field: str) -> HttpResponse:
    response = render(request, "web/bad_input.html", {"message": _message(field)}, status=400)
    add_never_cache_headers(response)
    return response
