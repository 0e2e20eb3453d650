from __future__ import annotations

from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "stepstones.offers"
    label = "offers"
    verbose_name = "Job offers"

    def ready(self) -> None:
        from stepstones.offers import checks  # noqa: F401 - registers the start-up check
