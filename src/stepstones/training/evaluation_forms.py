"""Forms of the tests and of the evaluation form; each clean method returns domain values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stepstones.training.evaluation import USEFULNESS, Bank, Question, QuestionKind
from stepstones.training.evaluation_actions import MAX_TEXT

CHOOSE_ONE = _("Choose one of the answers.")
ASK_MYTH = _("Is this statement true?")
ASK_STUDY = _("What does this case show?")


@dataclass(frozen=True)
class Shown:
    """A question as the phone shows it: its number, title (studies), text, question and field."""

    number: int
    title: str
    text: str
    ask: str
    field: forms.BoundField


class QuizForm(forms.Form):
    """All questions of one test on one page, in the participant's order; every one required.

    Each field is named by its question's id; `items()` pairs each question with its field, in
    the order shown.
    """

    kind = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, questions: Sequence[Question], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        self.language = language
        for question in self.questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.label(language),
                choices=question.choices(language),
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
            )

    def items(self) -> list[Shown]:
        """Return the questions as shown, in order, each with its bound field."""
        return [
            Shown(
                number=i,
                title=q.title.get(self.language) if q.title is not None else "",
                text=q.statement.get(self.language),
                ask=str(ASK_MYTH if q.kind is QuestionKind.MYTH else ASK_STUDY),
                field=self[q.id],
            )
            for i, q in enumerate(self.questions, start=1)
        ]

    def answers(self) -> dict[str, str]:
        """Return {question id: choice} from the cleaned data."""
        return {q.id: str(self.cleaned_data[q.id]) for q in self.questions}


class EvaluationForm(forms.Form):
    """The evaluation of the day: usefulness, what was learnt, commitments, a comment."""

    usefulness = forms.TypedChoiceField(
        label=_("How useful was the day for your work?"),
        choices=USEFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how useful the day was, from 1 to 5.")},
    )
    learnt = forms.CharField(
        label=_("What did you learn today?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    commitments = forms.MultipleChoiceField(
        label=_("What will you do to work together with other organisations?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the commitments shown.")},
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell the trainer?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, bank: Bank, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commitments"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = [(c.id, c.text.get(language)) for c in bank.commitments]
