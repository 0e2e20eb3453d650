"""Access-checked getters for training sessions and participants.

A session belongs to its trainer's organisation: its trainers run it, nobody else sees it (404,
the same as missing). A participant is whoever holds the participant's place in this browser's
session (set when joining or rejoining with the personal code).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from stepstones.agencies.access import require_role
from stepstones.agencies.models import Role
from stepstones.training.models import Participant, TrainingSession

PARTICIPANT_KEY = "training_participant"


def access_session(user: Any, session_id: int) -> TrainingSession:
    """Return a session of the user's organisation, for a trainer; 404 otherwise."""
    membership = require_role(user, Role.TRAINER)
    # Another organisation's session, or a missing one: the same 404.
    found = TrainingSession.objects.filter(
        pk=session_id, organisation_id=membership.organisation_id
    ).first()
    if found is None:
        raise Http404
    return found


def current_participant(request: HttpRequest) -> Participant:
    """Return the participant this browser joined as; 404 when it has not joined."""
    pk = request.session.get(PARTICIPANT_KEY)
    found = (
        Participant.objects.select_related("session", "group").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if found is None:
        raise Http404
    return found


def remember_participant(request: HttpRequest, participant: Participant) -> None:
    """Make this browser act as `participant` (a new session key: no fixation)."""
    request.session.cycle_key()
    request.session[PARTICIPANT_KEY] = participant.pk
