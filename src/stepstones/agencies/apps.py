from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "stepstones.agencies"
    label = "agencies"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from stepstones.agencies.lockout import on_login_failed
        from stepstones.agencies.sessions import start_session

        # After axes' own receivers ("axes" comes first in INSTALLED_APPS): the failure is
        # audited once axes has counted it and decided whether logging in is paused.
        user_login_failed.connect(on_login_failed, dispatch_uid="stepstones.login_failed")
        user_logged_in.connect(start_session, dispatch_uid="stepstones.start_session")

    def load_demo(self) -> list[tuple[str, str, str]]:
        """Load the demonstration network (organisations, members, cases) once."""
        from stepstones.agencies.demo import load_demo

        return load_demo()
