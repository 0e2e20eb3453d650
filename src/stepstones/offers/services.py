"""Run a check the way every interface does: reported offers from the database, and the learned
model when one is configured (settings.OFFER_MODEL_PATH)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

from stepstones.offers.lookup import find_reported
from stepstones.offers.models import ReportedOfferBand
from stepstones.recruitment import Check, Offer, ProbabilityModel, check_offer


@lru_cache(maxsize=4)
def _load(path: str) -> ProbabilityModel:
    # Imported here: scikit-learn is only loaded when a model is configured.
    from stepstones.recruitment.learned import OfferModel

    try:
        return OfferModel.load(Path(path))
    except (OSError, ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"OFFER_MODEL_PATH={path!r} is not a usable model: {exc}"
        ) from exc


def offer_model() -> ProbabilityModel | None:
    """Return the configured learned model, or None when none is configured."""
    path = str(getattr(settings, "OFFER_MODEL_PATH", "") or "")
    return _load(path) if path else None


def run_check(offer: Offer, *, with_reported: bool = True) -> Check:
    """Check `offer` against the flags, the reported offers and the model if configured."""
    return check_offer(
        offer, find_reported=find_reported if with_reported else None, model=offer_model()
    )


NO_DATABASE_NOTE = (
    "note: the database is not set up (run `stepstones migrate`), so offers reported by "
    "organisations are not compared"
)


def reported_offers_available() -> bool:
    """Return whether the reported offers can be read (the database exists and is migrated).

    The command-line checks work on a machine where nobody ran `stepstones migrate`: they then
    skip the comparison with reported offers and say so, instead of failing.
    """
    try:
        return ReportedOfferBand._meta.db_table in connection.introspection.table_names()
    except DatabaseError:
        return False
