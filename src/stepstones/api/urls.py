"""The API object; each part of stepstones adds its router here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from stepstones.api.errors import ObjectParser, document_errors, install_error_handlers
from stepstones.offers.api import router as offers_router
from stepstones.screening.api import router as assess_router
from stepstones.suggest.api import router as notes_router


class StepstonesAPI(NinjaAPI):
    """The NinjaAPI whose every answer says `Cache-Control: no-store`.

    Answers carry case data, identity and packets: no browser, proxy or shared cache keeps them.
    """

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Cache-Control"] = "no-store"
        return response

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        """The description with every error status the API really answers (issue 17 §6)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema, RATE_LIMITED_PATHS)


# The anonymous endpoints `stepstones.web.ratelimit` counts (their 429 is documented).
RATE_LIMITED_PATHS = frozenset({"/api/v1/assess", "/api/v1/notes/suggest", "/api/v1/offers/check"})

api = StepstonesAPI(
    title="stepstones API",
    version="1",
    description="Screening, cases, referrals and job-offer checks. Errors are "
    '`{"error": {"code", "message", "field"}}`.',
    urls_namespace="api",
    parser=ObjectParser(),
)
install_error_handlers(api)
api.add_router("", assess_router)
api.add_router("/notes", notes_router)
api.add_router("/offers/", offers_router)

# Routers are imported after `api` exists: they import the error handlers' module too.
from stepstones.api import cases, directory, referrals  # noqa: E402

api.add_router("", directory.router)
api.add_router("", cases.router)
api.add_router("", referrals.router)
