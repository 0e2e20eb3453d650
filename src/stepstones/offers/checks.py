"""Start-up check: a configured offer model must load (a wrong path fails at start, not at use)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_offer_model(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Report an error when OFFER_MODEL_PATH is set but is not a usable model."""
    if not getattr(settings, "OFFER_MODEL_PATH", ""):
        return []
    from stepstones.offers.services import offer_model

    try:
        offer_model()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Train one with `stepstones train-offer-model DATA.csv -o PATH`, or unset "
                "OFFER_MODEL_PATH to check offers with the red flags only.",
                id="offers.E001",
            )
        ]
    return []
