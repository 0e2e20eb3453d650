"""Every change to the tests and the evaluation form: atomic, returning what changed.

Like the rest of the training day these are sandbox records, outside the real audit chain.
Each action checks everything before it writes, so a refused call stores nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.errors import ActionError, invalid
from stepstones.training.evaluation import Bank, load_bank
from stepstones.training.models import (
    Evaluation,
    Participant,
    Quiz,
    QuizAnswer,
    QuizKind,
    TrainingSession,
)

MAX_TEXT = 2000


def _kind(kind: str) -> str:
    if kind not in QuizKind.values:
        raise invalid("kind", _("There is no such test."))
    return kind


def open_quiz(session: TrainingSession, kind: str) -> Quiz:
    """Open the session's test of `kind` for answers; any other open test of the session closes.

    One test at a time, so a phone always knows which test it is answering. Opening again a
    test that was closed keeps its answers (the follow-up test may be opened weeks later).
    """
    _kind(kind)
    with transaction.atomic():
        # The session row serialises two trainers' clicks on the same session.
        TrainingSession.objects.select_for_update().only("pk").get(pk=session.pk)
        Quiz.objects.filter(session=session, open=True).exclude(kind=kind).update(open=False)
        quiz, _created = Quiz.objects.get_or_create(session=session, kind=kind)
        quiz.open = True
        quiz.opened_at = timezone.now()
        quiz.save(update_fields=["open", "opened_at"])
    return quiz


def close_quiz(session: TrainingSession, kind: str) -> Quiz | None:
    """Close the session's test of `kind` (None when it was never opened)."""
    _kind(kind)
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().filter(session=session, kind=kind).first()
        if quiz is not None and quiz.open:
            quiz.open = False
            quiz.save(update_fields=["open"])
    return quiz


def closed() -> ActionError:
    """Return the error for answers sent to a test that is not open (409)."""
    return ActionError(
        "closed", _("This test is closed. Your trainer opens it when it is time."), status=409
    )


def submit_answers(
    participant: Participant,
    kind: str,
    answers: Mapping[str, str],
    bank: Bank | None = None,
) -> list[QuizAnswer]:
    """Record the participant's answers to every question of the open test `kind`, scored.

    The test must be open (409 otherwise) and every question answered with one of its choices
    (400 naming the first question that is not); then earlier answers to this test are replaced.
    Scores reward accuracy only.
    """
    bank = bank or load_bank()
    if kind not in QuizKind.values:
        raise closed()
    with transaction.atomic():
        quiz = (
            Quiz.objects.select_for_update()
            .filter(session_id=participant.session_id, kind=kind)
            .first()
        )
        if quiz is None or not quiz.open:
            raise closed()
        for question in bank.questions:
            if not question.valid(answers.get(question.id, "")):
                raise invalid(question.id, _("Choose one of the answers."))
        QuizAnswer.objects.filter(quiz=quiz, participant=participant).delete()
        return QuizAnswer.objects.bulk_create(
            QuizAnswer(
                quiz=quiz,
                participant=participant,
                question=question.id,
                choice=answers[question.id],
                score=question.score(answers[question.id]),
            )
            for question in bank.questions
        )


def submit_evaluation(
    participant: Participant,
    *,
    usefulness: int,
    learnt: str,
    commitments: Sequence[str],
    comment: str,
    bank: Bank | None = None,
) -> Evaluation:
    """Record (or replace) the participant's evaluation of the day."""
    bank = bank or load_bank()
    if usefulness not in range(1, 6):
        raise invalid("usefulness", _("Choose how useful the day was, from 1 to 5."))
    known = {c.id for c in bank.commitments}
    if any(c not in known for c in commitments):
        raise invalid("commitments", _("Choose among the commitments shown."))
    for name, text in (("learnt", learnt), ("comment", comment)):
        if len(text) > MAX_TEXT:
            raise invalid(name, _("At most %(n)d characters, please.") % {"n": MAX_TEXT})
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.update_or_create(
            participant=participant,
            defaults={
                "session_id": participant.session_id,
                "usefulness": usefulness,
                "learnt": learnt.strip(),
                "commitments": sorted(set(commitments)),
                "comment": comment.strip(),
            },
        )
    return evaluation
