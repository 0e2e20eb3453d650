from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "stepstones.agencies"
    label = "agencies"
    verbose_name = _("Organisations")

    def load_demo(self) -> list[tuple[str, str, str]]:
        """Load the demonstration network (organisations, members, cases) once."""
        from stepstones.agencies.demo import load_demo

        return load_demo()
