"""The case and referral tables every list page shows, drawn in Python.

A list page shows up to fifty rows; through the template engine each row cost about 0.2 ms,
most of the case list's and the inbox's CPU time (docs/benchmarks.md). These tags write the
same markup (a test compares them with the templates they replace) at a small part of the cost:

    {% load tables %}{% case_table cases %}
    {% referral_table referrals now %}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext, gettext_noop

from stepstones.web.templatetags.rows import link, stamp

register = template.Library()


def _when(value: dt.datetime | None) -> str:
    """`{{ value|stamp }}`: in the current time zone, as the template engine converts it."""
    if value is None:
        return ""
    return stamp(localtime(value) if is_aware(value) else value)


def _table(headings: Iterable[str], rows: list[str], empty: str) -> SafeString:
    head = "".join(
        f'<th class="wide">{esc(gettext(h))}</th>' if h in _WIDE else f"<th>{esc(gettext(h))}</th>"
        for h in headings
    )
    body = (
        "".join(rows)
        or f'<tr><td colspan="{len(list(headings))}" class="muted">{esc(empty)}</td></tr>'
    )
    # Every value is escaped above; the rest is constant markup.
    return mark_safe(  # noqa: S308  # nosec B308
        f'<div class="table-wrap"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n'
        "</table></div>\n"
    )


_ = gettext_noop  # marks the headings for makemessages; they are translated when drawn
CASE_HEADINGS = (_("Case"), _("Stage"), _("Kind"), _("Accountable"), _("Updated"))
REFERRAL_HEADINGS = (_("Case"), _("Kind"), _("From"), _("To"), _("Status"), _("Due"))
# Columns a phone leaves out (class "wide", stepstones.css), so a table fits 360 px without
# scrolling sideways; the case or referral page one tap away shows them.
_WIDE = {"Kind", "Accountable", "From"}


@register.simple_tag
def case_table(cases: Iterable[Any]) -> SafeString:
    """One row per case: its code (a link), stage, kind, accountable organisation, last change."""
    rows = [
        f'\n<tr><td><a href="{esc(link(case.pk, "cases:case"))}">{esc(case.person.code)}</a></td>'
        f'<td><span class="badge stage-{esc(case.stage)}">{esc(case.get_stage_display())}</span>'
        f'</td><td class="wide">{esc(case.get_kind_display())}</td>'
        f'<td class="wide">{esc(case.accountable_org.name)}</td>'
        f"<td>{esc(_when(case.updated_at))}</td></tr>\n"
        for case in cases
    ]
    return _table(CASE_HEADINGS, rows, gettext("No cases."))


@register.simple_tag
def referral_table(referrals: Iterable[Any], now: dt.datetime) -> SafeString:
    """One row per referral; a pending one past its deadline is marked as a gap, "overdue"."""
    overdue_badge = f' <span class="badge danger">{esc(gettext("overdue"))}</span>'
    rows = []
    for r in referrals:
        late = r.status == "pending" and r.due_at < now
        rows.append(
            f'\n<tr class="{"gap" if late else ""}"><td>'
            f'<a href="{esc(link(r.pk, "referrals:referral"))}">{esc(r.case.person.code)}</a></td>'
            f'<td class="wide">{esc(r.get_kind_display())}</td>'
            f'<td class="wide">{esc(r.from_org.name)}</td>'
            f"<td>{esc(r.to_org.name)}</td><td>{esc(r.get_status_display())}"
            f"{overdue_badge if late else ''}</td><td>{esc(_when(r.due_at))}</td></tr>\n"
        )
    return _table(REFERRAL_HEADINGS, rows, gettext("No referrals."))
