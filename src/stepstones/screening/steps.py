"""The quick screen step by step: which questions to show now, from the answers so far.

The first step asks the questions that decide the most before anything is known: the person's
age, the route, whether a border was crossed irregularly, then the top of the engine's own
"what to ask next" for empty facts. Each later step shows the next questions the engine ranks
for the answers given so far, leaving out those already asked (a "don't know" is an answer too).

Nothing is kept on the server: the page carries the answers and the questions already asked in
hidden fields, and the next request reads them back through the same form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django import forms
from django.utils.translation import gettext, gettext_noop

from stepstones.assessment import Assessment, assess, load_catalogue, parse_facts
from stepstones.screening.forms import PERSON_FIELDS, ScreeningForm, field_name

FIRST_STEP_QUESTIONS = 10  # the age and the route count as one question each
NEXT_STEP_QUESTIONS = 8
# Asked first whatever the engine ranks: its ranking cannot weigh route answers (they change
# the outcome only through the border), yet they decide which journey questions matter.
FIRST_FACTS = ("smuggling.paid_to_cross",)

GROUPS = {
    "age": (gettext_noop("The person's age"), ("age", "age_band")),
    "origin": (gettext_noop("The route"), ("origin", "transit", "destination")),
}


@dataclass(frozen=True)
class Item:
    """One question on a step: a yes / no question, or a group of fields (age, route)."""

    title: str
    fields: list[forms.BoundField]

    @property
    def grouped(self) -> bool:
        """Return whether this question has several fields under one heading."""
        return len(self.fields) > 1


@cache
def first_step() -> tuple[str, ...]:
    """Return the field names of the first step, the age and route fields included."""
    catalogue = load_catalogue()
    names = [*PERSON_FIELDS, *(field_name(f) for f in FIRST_FACTS)]
    slots = FIRST_STEP_QUESTIONS - len(GROUPS) - len(FIRST_FACTS)
    ranked = [field_name(q.question.fact) for q in assess(parse_facts({}, catalogue)).ask_next]
    names += [n for n in ranked if n not in names][:slots]
    return tuple(names)


def next_step(assessment: Assessment, asked: set[str]) -> list[str]:
    """Return the field names to ask now: the engine's next questions not asked yet."""
    ranked = (field_name(q.question.fact) for q in assessment.ask_next)
    return [n for n in ranked if n not in asked][:NEXT_STEP_QUESTIONS]


def read_names(form: ScreeningForm, raw: str) -> list[str]:
    """Return the field names listed in a hidden field, keeping only the form's own fields."""
    seen: list[str] = []
    for name in raw.split():
        if name in form.fields and name not in seen:
            seen.append(name)
    return seen


def items(form: ScreeningForm, names: list[str]) -> list[Item]:
    """Return the questions to draw for `names`: the age and route fields grouped."""
    out: list[Item] = []
    placed: set[str] = set()
    for name in names:
        if name in placed:
            continue
        group = next((g for g in GROUPS.values() if name in g[1]), None)
        if group is not None:
            members = [n for n in group[1] if n in names]
            placed.update(members)
            out.append(Item(gettext(group[0]), [form[n] for n in members]))
        else:
            placed.add(name)
            out.append(Item(str(form[name].label), [form[name]]))
    return out


def question_count(names: list[str]) -> int:
    """Return how many questions `names` make (a group counts once)."""
    groups = {g for g, (_t, members) in GROUPS.items() for n in names if n in members}
    return len(groups) + sum(1 for n in names if not any(n in m for _t, m in GROUPS.values()))
