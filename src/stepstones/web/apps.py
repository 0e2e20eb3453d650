"""The web app: shared templates and assets, and the configuration checks run at start-up."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


class WebConfig(AppConfig):
    name = "stepstones.web"
    label = "web"


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn about settings that are fine on a laptop and wrong on a server."""
    messages: list[CheckMessage] = []
    if settings.DEBUG:
        messages.append(
            Error(
                "DEBUG is on.",
                hint="Set DEBUG=false in the server's environment.",
                id="stepstones.E001",
            )
        )
    if getattr(settings, "DEMO", False):
        messages.append(
            Error(
                "STEPSTONES_DEMO is on: the public development secret, a generated vault key "
                "and cookies over plain http are allowed.",
                hint="Unset STEPSTONES_DEMO in the server's environment.",
                id="stepstones.E002",
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        messages.append(
            Warning(
                "The database is not PostgreSQL.",
                hint="Set DATABASE_URL=postgres://... ; SQLite is for one machine only.",
                id="stepstones.W001",
            )
        )
    return messages
