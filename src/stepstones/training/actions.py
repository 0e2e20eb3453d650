"""Every change to a training session goes through here: atomic, and returning what changed.

Training records are a sandbox: they are not written to the real audit chain, which holds the
accountability of real cases (DESIGN.md: training never mixes with real data).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.agencies.models import Membership, Role
from stepstones.errors import ActionError, conflict, forbidden, invalid
from stepstones.training.media import MAX_MEDIA_BYTES, sniff
from stepstones.training.models import (
    Group,
    Media,
    Participant,
    ParticipantKind,
    PictureNote,
    Response,
    Step,
    TrainingSession,
    variant_seed,
)
from stepstones.training.steps import StepSpec, prompt

# Unambiguous characters for rejoin codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
REJOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REJOIN_LENGTH = 8
JOIN_DIGITS = 6
MAX_STEPS = 200
MAX_GROUPS = 20


def _require_trainer(by: Membership, message: str) -> None:
    """Refuse (403, `message`) unless `by` is an active trainer."""
    if not by.active or by.role != Role.TRAINER:
        raise forbidden(message)


def _join_code() -> str:
    return f"{secrets.randbelow(10**JOIN_DIGITS):0{JOIN_DIGITS}d}"


def _end_of_day(day: dt.date) -> dt.datetime:
    """Return the moment the join code stops working: the end of the session's day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def create_session(
    *,
    by: Membership,
    title: str,
    day: dt.date,
    language: str,
    steps: Sequence[StepSpec],
    variants: bool = False,
) -> TrainingSession:
    """Create a session with its steps, in order, and a join code that expires after the day.

    Only a trainer may; every step must name existing content (ActionError names the step).
    """
    _require_trainer(by, _("Only a trainer can run a training session."))
    if not title.strip():
        raise invalid("title", _("Give the session a title."))
    if not steps:
        raise invalid("steps", _("Choose at least one exercise."))
    if len(steps) > MAX_STEPS:
        raise invalid("steps", _("A session has at most %(n)d steps.") % {"n": MAX_STEPS})
    for spec in steps:
        try:
            prompt(spec, language)
        except (KeyError, IndexError):
            raise invalid("steps", _("One of the exercises no longer exists.")) from None
    for _attempt in range(20):
        # Codes are unique among all sessions; a clash with another session retries.
        try:
            with transaction.atomic():
                session = TrainingSession.objects.create(
                    organisation=by.organisation,
                    trainer=by.user,
                    title=title.strip(),
                    day=day,
                    language=language,
                    join_code=_join_code(),
                    code_expires_at=_end_of_day(day),
                    variants=variants,
                )
                Step.objects.bulk_create(
                    Step(session=session, position=i, kind=s.kind, ref=s.ref, stage=s.stage)
                    for i, s in enumerate(steps)
                )
                return session
        except IntegrityError:
            continue
    raise conflict(_("No free join code was found; try again."))


def _rejoin_code() -> str:
    return "".join(secrets.choice(REJOIN_ALPHABET) for _ in range(REJOIN_LENGTH))


def join(code: str, *, display_name: str, kind: str) -> Participant:
    """Add a participant to the session whose join code is `code` (not expired).

    The same error for a wrong and an expired code: a guess learns nothing.
    """
    name = " ".join(display_name.split())
    if not name:
        raise invalid("display_name", _("Choose a name to show in the room."))
    if len(name) > 40:
        raise invalid("display_name", _("A name of at most 40 characters, please."))
    if kind not in ParticipantKind.values:
        raise invalid("kind", _("Choose the kind of organisation you work for."))
    session = TrainingSession.objects.filter(
        join_code=code.strip(), code_expires_at__gte=timezone.now()
    ).first()
    if session is None:
        raise invalid("code", _("No session has this code today. Check the number on the screen."))
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return Participant.objects.create(
                    session=session, display_name=name, kind=kind, rejoin_code=_rejoin_code()
                )
        except IntegrityError:
            continue
    raise conflict(_("Joining failed; try again."))


def find_participant(rejoin_code: str) -> Participant:
    """Return the participant whose personal rejoin code this is (any session, any day).

    The rejoin code also links the pre-, post- and follow-up tests of one person without any
    identity, so it keeps working after the day.
    """
    code = "".join(rejoin_code.split()).upper()
    found = Participant.objects.select_related("session").filter(rejoin_code=code).first()
    if found is None:
        raise invalid("rejoin_code", _("This rejoin code is not known. Check it and try again."))
    return found


def _locked(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def move_to(session: TrainingSession, position: int) -> TrainingSession:
    """Move the room to the step at `position` (the answer is hidden again)."""
    with transaction.atomic():
        locked = _locked(session)
        if not 0 <= position < locked.steps.count():
            raise invalid("position", _("There is no such step."))
        locked.current = position
        locked.revealed = False
        locked.save(update_fields=["current", "revealed"])
    return locked


def reveal(session: TrainingSession, *, shown: bool = True) -> TrainingSession:
    """Show (or hide) the current step's answer and reasons on the projector.

    Showing it closes the step for good: hiding it again must not let anyone answer with the
    key in mind.
    """
    with transaction.atomic():
        locked = _locked(session)
        locked.revealed = shown
        locked.save(update_fields=["revealed"])
        if shown:
            Step.objects.filter(session=locked, position=locked.current).update(closed=True)
    return locked


def split_into_groups(session: TrainingSession, count: int) -> list[Group]:
    """Split the participants into `count` groups, mixed by kind of organisation.

    Participants are dealt like cards, kind after kind, so every group gets a share of each kind
    (governmental beside non-governmental), and sizes differ by at most one.
    """
    if not 1 <= count <= MAX_GROUPS:
        raise invalid("count", _("Choose between 1 and %(n)d groups.") % {"n": MAX_GROUPS})
    with transaction.atomic():
        locked = _locked(session)
        Participant.objects.filter(session=locked).update(group=None)
        Group.objects.filter(session=locked).delete()
        groups = Group.objects.bulk_create(
            Group(session=locked, number=n) for n in range(1, count + 1)
        )
        order = {kind: i for i, kind in enumerate(ParticipantKind.values)}
        people = sorted(locked.participants.all(), key=lambda p: (order[p.kind], p.pk))
        for index, person in enumerate(people):
            person.group = groups[index % count]
        Participant.objects.bulk_update(people, ["group"])
    return groups


MAX_ANSWER_TEXT = 200


def answer(
    participant: Participant,
    step: Step,
    choice: str = "",
    *,
    marks: Sequence[str] = (),
    text: str = "",
) -> Response:
    """Record (or change) the participant's answer to the room's current step, scored.

    A choice for the questions, the flags marked for "spot the deceptive offer", a few words
    for "who is vulnerable". Only the current step takes answers, and only until its answer is
    revealed.
    """
    session = participant.session
    if step.session_id != session.pk:
        raise invalid("step", _("This step belongs to another session."))
    seed = variant_seed(session, participant.group)
    room = prompt(StepSpec(step.kind, step.ref, step.stage, seed), session.language)
    values: dict[str, object]
    if room.marks:
        marked = frozenset(marks)
        if not marked <= {flag for flag, _label in room.marks}:
            raise invalid("marks", _("Mark only the warning signs shown."))
        values = {"marks": sorted(marked), "score": room.score_marks(marked)}
    elif room.free_text:
        words = " ".join(text.split())
        if not words:
            raise invalid("text", _("Write a few words."))
        if len(words) > MAX_ANSWER_TEXT:
            raise invalid("text", _("At most %(n)d characters, please.") % {"n": MAX_ANSWER_TEXT})
        values = {"text": words, "score": None}
    else:
        if not room.valid(choice):
            raise invalid("choice", _("Choose one of the answers shown."))
        named = frozenset(marks)
        if not named <= {kind for kind, _label in room.next_kinds}:
            raise invalid("marks", _("Choose only the kinds of organisation shown."))
        # The points are for the answer; who acts next is compared in the debrief.
        values = {"choice": choice, "score": room.score(choice), "marks": sorted(named)}
    fresh = TrainingSession.objects.only("current", "revealed").get(pk=session.pk)
    closed = Step.objects.filter(pk=step.pk, closed=True).exists()
    if fresh.current != step.position or fresh.revealed or closed:
        raise ActionError(
            "closed", _("This question is closed: the room has moved on."), status=409
        )
    response, _created = Response.objects.update_or_create(
        participant=participant, step=step, defaults=values
    )
    return response


def add_picture_note(by: Membership, *, text: str, source: str) -> PictureNote:
    """Add a fact of the national picture for the trainer's organisation."""
    _require_trainer(by, _("Only a trainer can change the national picture."))
    return PictureNote.objects.create(
        organisation=by.organisation, text=text.strip(), source=source.strip()
    )


def remove_picture_note(by: Membership, note_id: str) -> None:
    """Remove one of the organisation's facts; another organisation's is left alone."""
    if not note_id.isdigit():
        return
    _require_trainer(by, _("Only a trainer can change the national picture."))
    PictureNote.objects.filter(pk=int(note_id), organisation_id=by.organisation_id).delete()


def attach_media(step: Step, *, by: Membership, data: bytes, description: str) -> Media:
    """Attach an image or a video to a step (replacing any), for the session's trainer.

    The bytes decide what the file is (`training.media.sniff`); anything but a PNG, JPEG, GIF
    or WebP image or an MP4 or WebM video is refused, and so is a file over the size limit.
    """
    _require_trainer(by, _("Only a trainer can add images or videos."))
    if not description.strip():
        raise invalid("description", _("Say in a few words what it shows (for screen readers)."))
    if len(data) > MAX_MEDIA_BYTES:
        raise invalid(
            "file", _("The file is larger than %(n)d MB.") % {"n": MAX_MEDIA_BYTES // 2**20}
        )
    content_type = sniff(data[:16])
    if content_type is None:
        raise invalid(
            "file", _("Only images (PNG, JPEG, GIF, WebP) and videos (MP4, WebM) can be shown.")
        )
    with transaction.atomic():
        Media.objects.filter(step=step).delete()
        return Media.objects.create(
            session_id=step.session_id,
            step=step,
            content_type=content_type,
            data=data,
            description=description.strip(),
        )
