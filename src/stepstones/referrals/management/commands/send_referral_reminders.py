"""`stepstones send-referral-reminders`: e-mail about overdue referrals; expire abandoned ones.

Run it from a timer (cron or a systemd timer), e.g. every hour.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stepstones.referrals.actions import expire_overdue, send_reminders


class Command(BaseCommand):
    help = "Send reminders about overdue referrals and expire those long past their deadline."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = send_reminders()
        expired = expire_overdue()
        self.stdout.write(f"Reminded {len(reminded)} overdue referral(s); expired {len(expired)}.")
