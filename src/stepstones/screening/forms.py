"""The screening questionnaire as a Django form, built from the catalogue's questions.

One form serves the quick screen (which stores nothing) and the screening inside a case (which
pre-fills it from the last assessment). Each question's field name is its fact path with dots
replaced by `__`, so answers map back onto the facts the engine reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from stepstones.assessment import Catalogue, Question, Stage, answers_to_facts, load_catalogue
from stepstones.countries import all_countries, country_name, read_countries, similar_countries
from stepstones.screening import person

ANSWERS = [("unknown", _("Don't know")), ("yes", _("Yes")), ("no", _("No"))]
AGE_BANDS = [
    ("", _("Not known")),
    ("child", _("Under 18, or may be under 18")),
    ("adult", _("18 or older")),
]


PERSON_FIELDS = ("age", "age_band", "origin", "transit", "destination")
COUNTRY_LIST_ID = "country-names"  # the page's <datalist> of country names (tag `country_list`)


class CountriesField(forms.Field):
    """Country names or codes as a worker types them; cleans to a list of ISO alpha-2 codes.

    Names count in every interface language, with common spellings (`stepstones.countries`).
    Each word that is not a country gets its own error, in words, with the names it resembles.
    A list of codes shows as names in the interface language.
    """

    widget = forms.TextInput

    def __init__(self, *, many: bool = False, max_length: int = 200, **kwargs: Any) -> None:
        self.many = many
        self.max_length = max_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update(list=COUNTRY_LIST_ID, autocomplete="off", maxlength=str(self.max_length))
        return attrs

    def to_python(self, value: Any) -> list[str]:
        text = "" if value in self.empty_values else str(value)
        if len(text) > self.max_length:
            raise ValidationError(
                gettext("Keep this under %(limit)d characters.") % {"limit": self.max_length}
            )
        codes, unknown = read_countries(text)
        if unknown:
            raise ValidationError([_unknown_country(word) for word in unknown])
        if len(codes) > 1 and not self.many:
            raise ValidationError(gettext("Give one country here."))
        return codes

    def prepare_value(self, value: Any) -> Any:
        language = get_language() or "en"
        if isinstance(value, list | tuple):
            return ", ".join(country_name(str(code), language) for code in value)
        if isinstance(value, str) and value:
            known = all_countries()
            parts = [p.strip() for p in value.split(",")]
            return ", ".join(country_name(p, language) if p in known else p for p in parts)
        return value


def _unknown_country(word: str) -> ValidationError:
    close = similar_countries(word, get_language() or "en")
    if close:
        return ValidationError(
            gettext("We do not know the country “%(name)s”. Did you mean %(names)s?")
            % {"name": word, "names": gettext(" or ").join(close)}
        )
    return ValidationError(gettext("We do not know the country “%(name)s”.") % {"name": word})


def field_name(fact: str) -> str:
    """Return the form field name for a fact path (`indicators.x` -> `indicators__x`)."""
    return fact.replace(".", "__")


@dataclass(frozen=True)
class StageGroup:
    """The questions of one journey stage, with their bound fields, for the template."""

    stage: Stage
    title: str
    fields: list[forms.BoundField]


class _Answers(BaseChoiceIterator):
    """The three answers as Django's normal form of choices, so the hundred fields built for each
    screening skip normalising them one by one (a quarter of the page's CPU time)."""

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(ANSWERS)


_ANSWER_CHOICES = _Answers()


# (id of a catalogue, language) -> (that catalogue, kept so its id stays its own; fact -> words)
_WORDS: dict[tuple[int, str | None], tuple[Catalogue, dict[str, tuple[str, str]]]] = {}


def _question_words(catalogue: Catalogue, language: str | None) -> dict[str, tuple[str, str]]:
    """Each question's text and help in `language` (the active one), translated once."""
    key = (id(catalogue), language)
    cached = _WORDS.get(key)
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    words = {
        question.fact: (gettext(question.text), gettext(question.help) if question.help else "")
        for _stage, questions in catalogue.questions_by_stage()
        for question in questions
    }
    if len(_WORDS) > 64:  # catalogues built by tests come and go
        _WORDS.clear()
    _WORDS[key] = (catalogue, words)
    return words


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
    origin = CountriesField(label=_("Country of origin"), required=False, max_length=60)
    transit = CountriesField(
        label=_("Countries passed through"),
        required=False,
        many=True,
        help_text=_("Names or codes, separated by commas."),
    )
    destination = CountriesField(
        label=_("Where the person is now or was going"), required=False, max_length=60
    )

    person_language = forms.ChoiceField(
        label=_("Show the questions to the person in"),
        required=False,
        help_text=_("The questions appear in this language too, under yours, to read out or show."),
    )

    def __init__(self, *args: Any, catalogue: Catalogue | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language_field = self.fields["person_language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = [("", "—"), *person.language_choices()]
        self.catalogue = catalogue or load_catalogue()
        self.questions: dict[str, Question] = {}
        words = _question_words(self.catalogue, get_language())
        for _stage, questions in self.catalogue.questions_by_stage():
            for question in questions:
                name = field_name(question.fact)
                self.questions[name] = question
                label, help_text = words[question.fact]
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    help_text=help_text,
                    choices=_ANSWER_CHOICES,
                    initial="unknown",
                    required=False,
                    widget=forms.RadioSelect,
                )
        self.person = self._person_words()

    def _person_words(self) -> person.PersonWords | None:
        """The texts for the person in their language, each put on its field (`person_text`)."""
        source = self.data if self.is_bound else self.initial
        words = person.words_in(str(source.get("person_language") or ""))
        if words is not None:
            for name, text in words.fields.items():
                if text and name in self.fields:
                    self.fields[name].person_text = text  # type: ignore[attr-defined]
        return words

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
                route[key] = data[key][0]
        if data.get("transit"):
            route["transit"] = list(data["transit"])
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
                initial[key] = str(route[key])
        if route.get("transit"):
            initial["transit"] = ", ".join(str(c) for c in route["transit"])
    for _stage, questions in catalogue.questions_by_stage():
        for question in questions:
            value = _get_path(facts, question.fact)
            if value is not None:
                initial[field_name(question.fact)] = _answer(value)
    return initial


def answers_in_words(facts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return the answered questions of `facts` as (question, answer) in the interface language.

    The order is the form's; countries are named, not coded; unanswered questions are left out.
    """
    form = ScreeningForm()
    initial = initial_from_facts(facts)
    language = get_language() or "en"
    rows: list[tuple[str, str]] = []
    for name, field in form.fields.items():
        value = initial.get(name)
        if value in (None, "", "unknown"):
            continue
        if name in ("origin", "destination", "transit"):
            codes = [part.strip() for part in str(value).split(",") if part.strip()]
            words = ", ".join(country_name(code, language) for code in codes)
        elif isinstance(field, forms.ChoiceField):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            words = next((str(label) for key, label in choices if key == value), str(value))
        else:
            words = str(value)
        rows.append((str(field.label), words))
    return rows


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
