"""The case and referral tables drawn in Python give the markup their templates gave."""

# ruff: noqa: E501 - the reference templates are kept line for line as they were

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines
from django.utils import timezone, translation

from stepstones.cases.templatetags.tables import case_table, referral_table
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db

# The templates the tags replaced, word for word: the reference for the markup.
CASE_ROWS = """{% load i18n %}<div class="table-wrap"><table>
<thead><tr><th>{% translate "Case" %}</th><th>{% translate "Stage" %}</th><th class="wide">{% translate "Kind" %}</th><th class="wide">{% translate "Accountable" %}</th><th>{% translate "Updated" %}</th></tr></thead>
<tbody>{% for case in cases %}
<tr><td><a href="{{ case.pk|link:'cases:case' }}">{{ case.person.code }}</a></td><td><span class="badge stage-{{ case.stage }}">{{ case.get_stage_display }}</span></td><td class="wide">{{ case.get_kind_display }}</td><td class="wide">{{ case.accountable_org.name }}</td><td>{{ case.updated_at|stamp }}</td></tr>
{% empty %}<tr><td colspan="5" class="muted">{% translate "No cases." %}</td></tr>{% endfor %}</tbody>
</table></div>
"""
REFERRAL_ROWS = """{% load i18n %}<div class="table-wrap"><table>
<thead><tr><th>{% translate "Case" %}</th><th class="wide">{% translate "Kind" %}</th><th class="wide">{% translate "From" %}</th><th>{% translate "To" %}</th><th>{% translate "Status" %}</th><th>{% translate "Due" %}</th></tr></thead>
<tbody>{% for r in referrals %}
<tr class="{% if r.status == 'pending' and r.due_at < now %}gap{% endif %}"><td><a href="{{ r.pk|link:'referrals:referral' }}">{{ r.case.person.code }}</a></td><td class="wide">{{ r.get_kind_display }}</td><td class="wide">{{ r.from_org.name }}</td><td>{{ r.to_org.name }}</td><td>{{ r.get_status_display }}{% if r.status == 'pending' and r.due_at < now %} <span class="badge danger">{% translate "overdue" %}</span>{% endif %}</td><td>{{ r.due_at|stamp }}</td></tr>
{% empty %}<tr><td colspan="6" class="muted">{% translate "No referrals." %}</td></tr>{% endfor %}</tbody>
</table></div>
"""
ENGINE = engines["django"]


@pytest.fixture
def net() -> Network:
    net = build_network()
    net.ngo.name = 'Open Door <Outreach> & "Friends"'
    net.ngo.save()
    return net


@pytest.mark.parametrize("language", ["en", "mk", "sq"])
def test_the_case_table_is_the_template_it_replaced(net: Network, language: str) -> None:
    cases = [open_case(net), open_case(net)]
    with translation.override(language):
        for rows in (cases, []):
            expected = ENGINE.from_string(CASE_ROWS).render({"cases": rows})
            assert case_table(rows) == expected


@pytest.mark.parametrize("language", ["en", "mk", "sr-latn"])
def test_the_referral_table_is_the_template_it_replaced(net: Network, language: str) -> None:
    referrals = [refer(net, open_case(net), net.social) for _ in range(2)]
    now = timezone.now()
    later = now + dt.timedelta(days=30)  # the first is now overdue
    with translation.override(language):
        for rows, when in ((referrals, now), (referrals, later), ([], now)):
            expected = ENGINE.from_string(REFERRAL_ROWS).render({"referrals": rows, "now": when})
            assert referral_table(rows, when) == expected
    assert 'class="gap"' in referral_table(referrals, later)
