"""Template tags that put the evaluation on the existing pages with one line each.

`{% load training_evaluation %}{% quiz_controls session %}` on the trainer's control page: the
tests to open and close, and the link to the results. `{% quiz_link participant %}` on a phone's
room page: the open test, if any, and the participant's own results and evaluation form.
"""

from __future__ import annotations

from typing import Any

from django import template

from stepstones.training.evaluation import quiz_labels, quiz_states
from stepstones.training.models import Participant, Quiz, TrainingSession

register = template.Library()


@register.inclusion_tag("training/evaluation/_controls.html", takes_context=True)
def quiz_controls(context: template.Context, session: TrainingSession) -> dict[str, Any]:
    """Render the tests' open/close buttons for the trainer (back to the control page)."""
    return {
        "session": session,
        "quizzes": quiz_states(session),
        "csrf_token": context.get("csrf_token"),
        "back": "control",
    }


@register.inclusion_tag("training/evaluation/_room_link.html")
def quiz_link(participant: Participant) -> dict[str, Any]:
    """Render the phone's way to the open test, its own results and the evaluation form."""
    quiz = Quiz.objects.filter(session_id=participant.session_id, open=True).first()
    return {"open_label": quiz_labels()[quiz.kind] if quiz is not None else ""}
