from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "stepstones.cases"
    label = "cases"
    verbose_name = _("Cases")


@register(Tags.security)
def check_vault_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse to start without a usable identity vault key (unless DEBUG may generate one)."""
    from stepstones.cases import vault

    try:
        vault.ring()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set STEPSTONES_VAULT_KEYS (or STEPSTONES_VAULT_KEY_FILE) to Fernet keys; "
                "`stepstones rotate-vault-keys --generate` prints one.",
                id="stepstones.E101",
            )
        ]
    return []
