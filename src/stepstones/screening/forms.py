"""The screening questionnaire as a Django form, built from the catalogue's questions.

One form serves the quick screen (which stores nothing) and the screening inside a case (which
pre-fills it from the last assessment). Each question's field name is its fact path with dots
replaced by `__`, so answers map back onto the facts the engine reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from stepstones.assessment import Catalogue, Question, Stage, answers_to_facts, load_catalogue

ANSWERS = [("unknown", _("Don't know")), ("yes", _("Yes")), ("no", _("No"))]
AGE_BANDS = [
    ("", _("Not known")),
    ("child", _("Under 18, or may be under 18")),
    ("adult", _("18 or older")),
]


PERSON_FIELDS = ("age", "age_band", "origin", "transit", "destination")


def field_name(fact: str) -> str:
    """Return the form field name for a fact path (`indicators.x` -> `indicators__x`)."""
    return fact.replace(".", "__")


@dataclass(frozen=True)
class StageGroup:
    """The questions of one journey stage, with their bound fields, for the template."""

    stage: Stage
    title: str
    fields: list[forms.BoundField]


class ScreeningForm(forms.Form):
    """About the person and the journey, then one yes / no / don't know question per fact."""

    age = forms.IntegerField(
        label=_("Age, if known"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    age_band = forms.ChoiceField(
        label=_("If the age is not known"), choices=AGE_BANDS, required=False
    )
    origin = forms.CharField(label=_("Country of origin"), required=False, max_length=60)
    transit = forms.CharField(
        label=_("Countries passed through"),
        required=False,
        max_length=200,
        help_text=_("Separate them with commas."),
    )
    destination = forms.CharField(
        label=_("Where the person is now or was going"), required=False, max_length=60
    )

    def __init__(self, *args: Any, catalogue: Catalogue | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue or load_catalogue()
        self.questions: dict[str, Question] = {}
        for _stage, questions in self.catalogue.questions_by_stage():
            for question in questions:
                name = field_name(question.fact)
                self.questions[name] = question
                self.fields[name] = forms.ChoiceField(
                    label=gettext(question.text),
                    help_text=gettext(question.help) if question.help else "",
                    choices=ANSWERS,
                    initial="unknown",
                    required=False,
                    widget=forms.RadioSelect,
                )

    def person_fields(self) -> list[forms.BoundField]:
        """Return the fields about the person and the route, shown before the journey stages."""
        fields = [self[name] for name in PERSON_FIELDS]
        for stage, questions in self.catalogue.questions_by_stage():
            if stage == Stage.PERSON:
                fields += [self[field_name(q.fact)] for q in questions]
        return fields

    def stage_groups(self) -> list[StageGroup]:
        """Return the questions grouped by journey stage, in the catalogue's order."""
        groups = []
        for stage, questions in self.catalogue.questions_by_stage():
            if stage == Stage.PERSON:
                continue  # shown with the person's details
            bound = [self[field_name(q.fact)] for q in questions]
            groups.append(StageGroup(stage, gettext(stage_title(stage)), bound))
        return groups

    def to_facts(self) -> dict[str, Any]:
        """Return the facts mapping the engine reads; "don't know" answers are left out."""
        data = self.cleaned_data
        answers: dict[str, Any] = {
            question.fact: data[name]
            for name, question in self.questions.items()
            if data.get(name) in ("yes", "no")
        }
        facts = answers_to_facts(answers)
        if data.get("age") is not None:
            facts["age"] = data["age"]
        elif data.get("age_band"):
            facts["age_band"] = data["age_band"]
        route: dict[str, Any] = {}
        for key in ("origin", "destination"):
            if data.get(key):
                route[key] = data[key].strip()
        transit = [p.strip() for p in (data.get("transit") or "").split(",") if p.strip()]
        if transit:
            route["transit"] = transit
        if route:
            facts.setdefault("route", {}).update(route)
        return facts


def initial_from_facts(
    facts: Mapping[str, Any], catalogue: Catalogue | None = None
) -> dict[str, Any]:
    """Return form initial values that show `facts` (the inverse of `ScreeningForm.to_facts`)."""
    catalogue = catalogue or load_catalogue()
    initial: dict[str, Any] = {}
    if facts.get("age") is not None:
        initial["age"] = facts["age"]
    if facts.get("age_band") in ("child", "adult"):
        initial["age_band"] = facts["age_band"]
    route = facts.get("route") or {}
    if isinstance(route, Mapping):
        for key in ("origin", "destination"):
            if route.get(key):
                initial[key] = route[key]
        if route.get("transit"):
            initial["transit"] = ", ".join(str(c) for c in route["transit"])
    for _stage, questions in catalogue.questions_by_stage():
        for question in questions:
            value = _get_path(facts, question.fact)
            if value is not None:
                initial[field_name(question.fact)] = _answer(value)
    return initial


def stage_title(stage: Stage) -> str:
    """Return the English heading of a journey stage (a msgid)."""
    return STAGE_TITLES.get(str(stage), str(stage).replace("_", " ").capitalize())


STAGE_TITLES = {
    "person": gettext_noop("About the person"),
    "recruitment": gettext_noop("Recruitment: how the person was found and what was promised"),
    "travel": gettext_noop("The journey"),
    "destination": gettext_noop("At the destination: work, living conditions and control"),
}


def _answer(value: Any) -> str:
    if value is True or str(value).lower() in ("yes", "true"):
        return "yes"
    if value is False or str(value).lower() in ("no", "false"):
        return "no"
    return "unknown"


def _get_path(source: Mapping[str, Any], path: str) -> Any:
    node: Any = source
    for part in path.split("."):
        if isinstance(node, list):  # elements given as a list of ids: listed means "yes"
            return "yes" if part in node else None
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node
