"""What the statistics count: each panel is one table, counted by the database (GROUP BY).

Only fields that identify nobody are read: gender, under 18, citizenship, the case's kind,
stage, status, forms of exploitation, means of control, recruitment, closure reason, dates, and
the kind and region of the organisations. Nothing from the identity vault, no free text, no case
code. A multi-select field (a case can show several forms of exploitation) is grouped by its
whole list in the database and spread over its values here; its panel has no total, because one
person can count under several values.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Kind
from stepstones.cases.models import (
    Case,
    CaseKind,
    ClosureReason,
    Gender,
    MethodOfControl,
    MethodOfRecruitment,
    Stage,
    TraffickingStatus,
    TypeOfExploitation,
)
from stepstones.countries import country_name
from stepstones.disclosure.tables import Key
from stepstones.referrals.models import Referral, ReferralStatus

Label = str | Promise
Counts = Counter[Key]


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; each one narrows the people counted."""

    year: int | None = None
    quarter: int | None = None
    region: str = ""
    org_kind: str = ""
    form: str = ""

    @property
    def empty(self) -> bool:
        return self == Filters()

    def cases(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        if self.year:
            qs = qs.filter(opened_at__year=self.year)
        if self.quarter:
            qs = qs.filter(opened_at__quarter=self.quarter)
        if self.region:
            qs = qs.filter(accountable_org__region=self.region)
        if self.org_kind:
            qs = qs.filter(accountable_org__kind=self.org_kind)
        if self.form:
            # The JSON list as text holds the quoted value (portable: SQLite and PostgreSQL).
            qs = qs.filter(type_of_exploitation__icontains=f'"{self.form}"')
        return qs

    def referrals(self, qs: QuerySet[Referral]) -> QuerySet[Referral]:
        if self.year:
            qs = qs.filter(sent_at__year=self.year)
        if self.quarter:
            qs = qs.filter(sent_at__quarter=self.quarter)
        if self.region:
            qs = qs.filter(from_org__region=self.region)
        if self.org_kind:
            qs = qs.filter(from_org__kind=self.org_kind)
        if self.form:
            qs = qs.filter(case__type_of_exploitation__icontains=f'"{self.form}"')
        return qs


@dataclass(frozen=True)
class Dimension:
    """One axis of a panel: its title, its values with their labels in order, and whether one
    person has exactly one value on it (so the values add up to a total)."""

    title: Label
    labels: Mapping[str, Label]
    additive: bool = True
    # Values met in the data but not in `labels` (quarters, countries, regions) get this label.
    label_of: Callable[[str], Label] | None = None


@dataclass(frozen=True)
class Panel:
    """One table of the dashboard."""

    slug: str
    title: Label
    subject: str  # "cases", "referrals" or "reference" (the reference data set)
    dimensions: tuple[Dimension, ...]
    count: Callable[[QuerySet[Any]], Counts]
    note: Label = ""


def _choices(choices: Iterable[tuple[str, Any]]) -> dict[str, Label]:
    return dict(choices)


def _grouped(qs: QuerySet[Any], *fields: str, **expressions: Any) -> list[dict[str, Any]]:
    names = [*fields, *expressions]
    return list(
        qs.order_by().values(*fields, **expressions).annotate(n=Count("id")).values(*names, "n")
    )


def single(*fields: str) -> Callable[[QuerySet[Any]], Counts]:
    """Count by one or more single-valued fields (None and "" become "unknown")."""

    def count(qs: QuerySet[Any]) -> Counts:
        out: Counts = Counter()
        for row in _grouped(qs, *fields):
            out[tuple(_text(row[f]) for f in fields)] += row["n"]
        return out

    return count


def _text(value: object) -> str:
    if value is None or value == "":
        return "unknown"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def multi(field_name: str) -> Callable[[QuerySet[Any]], Counts]:
    """Count a JSON list field per value: grouped by the whole list, spread here."""

    def count(qs: QuerySet[Any]) -> Counts:
        out: Counts = Counter()
        for row in _grouped(qs, field_name):
            values = row[field_name] or ["unknown"]
            for value in set(values):
                out[(str(value),)] += row["n"]
        return out

    return count


def by_quarter(qs: QuerySet[Any]) -> Counts:
    out: Counts = Counter()
    for row in _grouped(qs, quarter=TruncQuarter("opened_at")):
        when = row["quarter"]
        if when is not None:
            out[(f"{when.year}-Q{(when.month - 1) // 3 + 1}",)] += row["n"]
    return out


def answer_times(qs: QuerySet[Any]) -> Counts:
    """Referrals answered within a day, within three days, later; still waiting."""
    answered = Q(responded_at__isnull=False)
    within_day = Q(responded_at__lte=F("sent_at") + dt.timedelta(hours=24))
    within_three = Q(responded_at__lte=F("sent_at") + dt.timedelta(hours=72))
    figures = qs.order_by().aggregate(
        day=Count("id", filter=answered & within_day),
        three=Count("id", filter=answered & within_three & ~within_day),
        later=Count("id", filter=answered & ~within_three),
        waiting=Count("id", filter=Q(responded_at__isnull=True)),
    )
    return Counter({(name,): value for name, value in figures.items()})


def overdue(qs: QuerySet[Any]) -> Counts:
    pending = qs.filter(status=ReferralStatus.PENDING, due_at__lt=timezone.now())
    return single("to_org__kind")(pending)


def _quarter_label(value: str) -> Label:
    year, quarter = value.split("-")
    return _("%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


def _country(code: str) -> Label:
    language = (get_language() or "en").replace("-", "_").lower()
    try:
        return country_name(code, language)
    except (KeyError, ValueError):
        return code


UNKNOWN: dict[str, Label] = {"unknown": _("Not recorded")}
KINDS = _choices(Kind.choices)
AGE = {"yes": _("Under 18"), "no": _("18 or over")}

CASE_PANELS: tuple[Panel, ...] = (
    Panel(
        "quarter",
        _("Cases opened per quarter"),
        "cases",
        (Dimension(_("Quarter"), {}, label_of=_quarter_label),),
        by_quarter,
    ),
    Panel(
        "gender-age",
        _("Gender and age"),
        "cases",
        (
            Dimension(_("Gender"), _choices(Gender.choices)),
            Dimension(_("Age"), AGE),
        ),
        single("person__gender", "person__is_child"),
        note=_(
            "Age is recorded as under 18 or not; finer bands (such as 13-17) need a date of "
            "birth, which stays in the identity vault."
        ),
    ),
    Panel(
        "citizenship",
        _("Citizenship"),
        "cases",
        (Dimension(_("Citizenship"), UNKNOWN, additive=False, label_of=_country),),
        multi("person__citizenship"),
        note=_("A person with two citizenships counts under both."),
    ),
    Panel(
        "exploitation",
        _("Forms of exploitation"),
        "cases",
        (Dimension(_("Form"), {**_choices(TypeOfExploitation.choices), **UNKNOWN}, False),),
        multi("type_of_exploitation"),
        note=_("One person can count under several forms."),
    ),
    Panel(
        "control",
        _("Means of control"),
        "cases",
        (Dimension(_("Means"), {**_choices(MethodOfControl.choices), **UNKNOWN}, False),),
        multi("methods_of_control"),
    ),
    Panel(
        "recruitment",
        _("Recruitment"),
        "cases",
        (Dimension(_("Method"), {**_choices(MethodOfRecruitment.choices), **UNKNOWN}, False),),
        multi("method_of_recruitment"),
    ),
    Panel(
        "kind",
        _("Trafficking, and smuggling with protection needs"),
        "cases",
        (Dimension(_("Kind of case"), _choices(CaseKind.choices)),),
        single("kind"),
    ),
    Panel(
        "stage",
        _("Identification stage"),
        "cases",
        (Dimension(_("Stage"), _choices(Stage.choices)),),
        single("stage"),
    ),
    Panel(
        "status",
        _("Trafficking status"),
        "cases",
        (Dimension(_("Status"), _choices(TraffickingStatus.choices)),),
        single("trafficking_status"),
    ),
    Panel(
        "outcome",
        _("Outcome of closed cases"),
        "cases",
        (Dimension(_("Reason for closure"), _choices(ClosureReason.choices)),),
        lambda qs: single("closure_reason")(qs.filter(stage=Stage.CLOSED)),
    ),
    Panel(
        "region",
        _("Region of the organisation holding the case"),
        "cases",
        (Dimension(_("Region"), {}, label_of=str),),
        single("accountable_org__region"),
    ),
)

REFERRAL_PANELS: tuple[Panel, ...] = (
    Panel(
        "referral-kinds",
        _("Referrals between kinds of organisation"),
        "referrals",
        (Dimension(_("From"), KINDS), Dimension(_("To"), KINDS)),
        single("from_org__kind", "to_org__kind"),
    ),
    Panel(
        "referral-answers",
        _("Answers to referrals"),
        "referrals",
        (Dimension(_("Answer"), _choices(ReferralStatus.choices)),),
        single("status"),
    ),
    Panel(
        "answer-time",
        _("Time to answer a referral"),
        "referrals",
        (
            Dimension(
                _("Answered"),
                {
                    "day": _("Within 24 hours"),
                    "three": _("Within 72 hours"),
                    "later": _("Later"),
                    "waiting": _("Not answered yet"),
                },
            ),
        ),
        answer_times,
    ),
    Panel(
        "overdue",
        _("Overdue referrals, by the kind of organisation asked"),
        "referrals",
        (Dimension(_("Organisation asked"), KINDS),),
        overdue,
    ),
)


def reference_forms(qs: QuerySet[Any]) -> Counts:
    """CTDC's two flags of exploitation, and the records with neither set."""
    figures = qs.order_by().aggregate(
        forced=Count("id", filter=Q(forced_labour=True)),
        sexual=Count("id", filter=Q(sexual_exploit=True)),
        neither=Count(
            "id",
            filter=(Q(forced_labour__isnull=True) | Q(forced_labour=False))
            & (Q(sexual_exploit__isnull=True) | Q(sexual_exploit=False)),
        ),
    )
    return Counter(
        {
            (TypeOfExploitation.FORCED_LABOUR.value,): figures["forced"],
            (TypeOfExploitation.SEXUAL.value,): figures["sexual"],
            ("unknown",): figures["neither"],
        }
    )


# The reference data set (stats.models.ReferenceRecord, CTDC's codes), shown beside the network's
# panel named in BESIDE. The dashboard's filters do not apply to it.
REFERENCE_PANELS: tuple[Panel, ...] = (
    Panel(
        "reference-exploitation",
        _("Forms of exploitation in the reference data"),
        "reference",
        (
            Dimension(
                _("Form"),
                {
                    TypeOfExploitation.FORCED_LABOUR.value: TypeOfExploitation.FORCED_LABOUR.label,
                    TypeOfExploitation.SEXUAL.value: TypeOfExploitation.SEXUAL.label,
                    **UNKNOWN,
                },
                False,
            ),
        ),
        reference_forms,
        note=_("The reference data records these two forms only; one person can count under both."),
    ),
    Panel(
        "reference-gender-age",
        _("Gender and age in the reference data"),
        "reference",
        (
            Dimension(
                _("Gender"),
                {
                    "Female": _("Female"),
                    "Male": _("Male"),
                    "Transgender/NonConforming": Gender.NON_CONFORMING.label,
                    **UNKNOWN,
                },
            ),
            Dimension(_("Age"), {"Minor": AGE["yes"], "Adult": AGE["no"], **UNKNOWN}),
        ),
        single("gender", "majority_status"),
    ),
)
BESIDE: dict[str, str] = {
    "exploitation": "reference-exploitation",
    "gender-age": "reference-gender-age",
}

PANELS: dict[str, Panel] = {p.slug: p for p in CASE_PANELS + REFERRAL_PANELS + REFERENCE_PANELS}
