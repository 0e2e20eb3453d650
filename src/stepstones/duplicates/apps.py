from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class DuplicatesConfig(AppConfig):
    name = "stepstones.duplicates"
    label = "duplicates"
    verbose_name = _("Possible duplicates")


@register(Tags.security)
def check_linkage_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse to start without a usable linkage secret (unless DEBUG may generate one)."""
    from stepstones.duplicates import keys

    try:
        keys.secret()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set STEPSTONES_LINKAGE_KEYS (or STEPSTONES_LINKAGE_KEY_FILE); "
                "`stepstones reencode-linkage --generate` prints a key.",
                id="stepstones.E103",
            )
        ]
    return []
