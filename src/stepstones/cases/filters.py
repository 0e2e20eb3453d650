"""The case list's filters: what a caseworker narrows the list by, from the page's query string.

Every filter is a plain GET parameter, so a filtered list is a link that can be bookmarked,
shared within the organisation or saved by name (`SavedFilter`). A value that is not one of
the choices is an error shown beside its field, and that filter is left out; the list never
fails on a hand-edited address.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation
from stepstones.assessment import Outcome
from stepstones.cases.models import OPEN_STAGES, Case, Gender, Stage, TypeOfExploitation
from stepstones.referrals.models import Referral, ReferralStatus
from stepstones.web.words import outcome_label

NOT_SCREENED = "none"  # the `outcome` value for cases without a screening


def _outcome_choices() -> list[tuple[str, Any]]:
    ranked = sorted(Outcome, key=lambda outcome: outcome.rank, reverse=True)
    return [
        ("", _("Any")),
        *((o.value, outcome_label(o.value)) for o in ranked),
        (NOT_SCREENED, _("Not screened yet")),
    ]


class CaseFilterForm(forms.Form):
    """The filters; `apply` narrows a case queryset by the valid ones."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    q = forms.CharField(label=_("Case code"), required=False, max_length=40)
    outcome = forms.ChoiceField(label=_("Last screening"), required=False)
    age = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("Any")), ("child", _("Under 18")), ("adult", _("Not marked as under 18"))],
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("Any")), *Gender.choices]
    )
    exploitation = forms.ChoiceField(
        label=_("Type of exploitation"),
        required=False,
        choices=[("", _("Any")), *TypeOfExploitation.choices],
    )
    held_by = forms.ModelChoiceField(
        label=_("Held by (cases we work on for others)"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Any"),
    )
    opened_from = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("With an overdue referral"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [("", _("Open")), ("all", _("All")), *Stage.choices]
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.choices = _outcome_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("opened_from"), data.get("opened_to")
        if start and end and start > end:
            self.add_error("opened_to", _("The end date is before the start date."))
        return data

    def valid(self) -> dict[str, Any]:
        """The filters that passed validation (an invalid one is left out, and shown)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def is_filtered(self) -> bool:
        """Whether any filter beyond the default (open cases) is set."""
        return any(v for v in self.valid().values())

    def apply(self, cases: QuerySet[Case], *, partner: bool = False) -> QuerySet[Case]:
        """Narrow `cases` by the valid filters; `held_by` applies to the partner list only."""
        data = self.valid()
        stage = data.get("stage") or ""
        if stage in Stage.values:
            cases = cases.filter(stage=stage)
        elif stage != "all":
            cases = cases.filter(stage__in=OPEN_STAGES)
        if code := (data.get("q") or "").strip().upper():
            cases = cases.filter(person__code__contains=code)
        if outcome := data.get("outcome"):
            cases = cases.filter(last_outcome="" if outcome == NOT_SCREENED else outcome)
        if age := data.get("age"):
            cases = cases.filter(person__is_child=(age == "child"))
        if gender := data.get("gender"):
            cases = cases.filter(person__gender=gender)
        if exploitation := data.get("exploitation"):
            # The JSON list as text holds each chosen value in quotes, on SQLite and PostgreSQL.
            cases = cases.annotate(
                exploitation_text=Cast("type_of_exploitation", TextField())
            ).filter(exploitation_text__contains=f'"{exploitation}"')
        if partner and (held_by := data.get("held_by")) is not None:
            cases = cases.filter(accountable_org_id=held_by.pk)
        if start := data.get("opened_from"):
            cases = cases.filter(opened_at__date__gte=start)
        if end := data.get("opened_to"):
            cases = cases.filter(opened_at__date__lte=end)
        if data.get("overdue"):
            late = Referral.objects.filter(
                Q(case_id=OuterRef("pk")),
                status=ReferralStatus.PENDING,
                due_at__lt=timezone.now(),
            )
            cases = cases.filter(Exists(late))
        return cases
