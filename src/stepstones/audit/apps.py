from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "stepstones.audit"
    label = "audit"
    verbose_name = _("Audit log")


@register(Tags.security)
def check_audit_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse to start without a usable audit key (unless DEBUG or the demo may generate one)."""
    from stepstones.audit import keys

    try:
        keys.ring()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set STEPSTONES_AUDIT_KEYS (or STEPSTONES_AUDIT_KEY_FILE); "
                "`stepstones audit-key --generate` prints a key.",
                id="stepstones.E102",
            )
        ]
    return []
