"""The training day's pages: the trainer's sessions and controls, the projector, the phones.

Trainer pages need a trainer's login (others get 404); the phones need no account: joining with
the code on the screen puts the participant's place in the browser's session. Live parts (the
projector's results, a phone waiting for the next step) are small fragments polled with htmx;
all live state is in the database, so any number of app servers can serve one room.
"""

from __future__ import annotations

import contextlib
from typing import Any

import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from stepstones.agencies.access import require_role
from stepstones.agencies.models import Role, ServiceKind
from stepstones.errors import ActionError
from stepstones.training import actions, drill
from stepstones.training.access import (
    access_session,
    current_participant,
    remember_participant,
)
from stepstones.training.content import FactorKind, load_content
from stepstones.training.forms import (
    GroupsForm,
    JoinForm,
    MediaForm,
    PictureNoteForm,
    RejoinForm,
    SessionForm,
)
from stepstones.training.glotip import SOURCE as GLOTIP_SOURCE
from stepstones.training.media import MAX_MEDIA_BYTES
from stepstones.training.model import room_language
from stepstones.training.models import (
    Media,
    Participant,
    ParticipantKind,
    PictureNote,
    Response,
    Step,
    StepKind,
    TrainingSession,
    variant_seed,
)
from stepstones.training.picture import national_picture
from stepstones.training.results import results_for
from stepstones.training.steps import Prompt, StepSpec, prompt


def _step(session: TrainingSession, position: int | None = None) -> Step | None:
    at = session.current if position is None else position
    return Step.objects.filter(session=session, position=at).first()


def _prompt(session: TrainingSession, step: Step, seed: int = 0) -> Prompt:
    return prompt(StepSpec(step.kind, step.ref, step.stage, seed), session.language)


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request: HttpRequest) -> HttpResponse:
    """List the organisation's sessions and create a new one."""
    membership = require_role(request.user, Role.TRAINER)
    form = SessionForm(request.POST or None, language=room_language(get_language() or "en"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = actions.create_session(
                by=membership,
                title=data["title"],
                day=data["day"],
                language=data["language"],
                steps=form.steps(),
                variants=data["variants"],
            )
        except ActionError as error:
            form.add_error(None, error.message)
        else:
            return redirect("training:control", session_id=session.pk)
    listed = TrainingSession.objects.filter(organisation_id=membership.organisation_id)[:50]
    return render(request, "training/sessions.html", {"form": form, "sessions": listed})


def _control_context(session: TrainingSession) -> dict[str, Any]:
    steps = list(session.steps.all())
    counts = {kind: 0 for kind in ParticipantKind.values}
    for kind in session.participants.values_list("kind", flat=True):
        counts[kind] += 1
    return {
        "session": session,
        "steps": [(s, _prompt(session, s)) for s in steps],
        "kinds": [(label, counts[value]) for value, label in ParticipantKind.choices],
        "participants": sum(counts.values()),
        "groups": session.groups.count(),
    }


@login_required
@never_cache
def control(request: HttpRequest, session_id: int) -> HttpResponse:
    """The trainer's controls: steps, moving the room, revealing, groups."""
    session = access_session(request.user, session_id)
    return render(request, "training/control.html", _control_context(session))


def _back(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    """Return to the page the trainer pressed the button on: the projector or the controls."""
    page = "training:projector" if request.POST.get("next") == "projector" else "training:control"
    return redirect(page, session_id=session.pk)


@login_required
@require_POST
def move(request: HttpRequest, session_id: int) -> HttpResponse:
    """Move the room to another step."""
    session = access_session(request.user, session_id)
    # A stale button (a step that no longer exists): the page shows where the room is.
    with contextlib.suppress(ActionError, ValueError):
        actions.move_to(session, int(request.POST.get("position", "-1")))
    return _back(request, session)


@login_required
@require_POST
def reveal(request: HttpRequest, session_id: int) -> HttpResponse:
    """Show or hide the current answer on the projector and the phones."""
    session = access_session(request.user, session_id)
    actions.reveal(session, shown=request.POST.get("shown", "1") == "1")
    return _back(request, session)


@login_required
@require_POST
def groups(request: HttpRequest, session_id: int) -> HttpResponse:
    """Split the room into groups, mixed by kind of organisation."""
    session = access_session(request.user, session_id)
    form = GroupsForm(request.POST)
    if form.is_valid():
        actions.split_into_groups(session, form.cleaned_data["count"])
    return redirect("training:control", session_id=session.pk)


def _detected() -> dict[str, Any]:
    """Return who is detected (GLOTIP, North Macedonia, latest year) for the debrief."""
    data = national_picture()
    rows = [(SEX_LABELS[sex], AGE_LABELS[age], n) for sex, age, n in data.by_sex_age]
    return {"detected": rows, "detected_year": data.latest_year, "detected_source": GLOTIP_SOURCE}


def _live_context(request: HttpRequest, session: TrainingSession) -> dict[str, Any]:
    step = _step(session)
    context: dict[str, Any] = {"session": session, "step": step}
    if step is not None:
        room = _prompt(session, step)
        context["prompt"] = room
        context["results"] = results_for(
            step, room.choices, _("Group %(n)s"), room.marks or room.next_kinds
        )
        if step.kind == StepKind.VULNERABLE:
            context |= _detected()
        if session.variants and step.kind == StepKind.JOURNEY:
            # Each group travelled its own variant: the projector shows each group's traveller.
            context["group_travellers"] = [
                (_("Group %(n)s") % {"n": n}, _prompt(session, step, n).context[0])
                for n in session.groups.values_list("number", flat=True)
            ]
    return context


@login_required
@never_cache
def projector(request: HttpRequest, session_id: int) -> HttpResponse:
    """The projector: how to join, the current step and its live results."""
    session = access_session(request.user, session_id)
    join_url = request.build_absolute_uri(reverse("training:join")) + f"?code={session.join_code}"
    # segno draws the QR code as SVG here: nothing is fetched from anywhere else.
    svg = segno.make(join_url, error="m").svg_inline(scale=5, omitsize=False)
    qr = mark_safe(svg)  # noqa: S308  # nosec B308  # our own SVG
    context = _live_context(request, session) | {"qr": qr, "join_url": join_url}
    return render(request, "training/projector.html", context)


@login_required
@never_cache
def projector_live(request: HttpRequest, session_id: int) -> HttpResponse:
    """The projector's live part (htmx polls it)."""
    session = access_session(request.user, session_id)
    return render(request, "training/_live.html", _live_context(request, session))


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Join a session from a phone: no account, a name to show, the kind of organisation."""
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = actions.join(
                data["code"], display_name=data["display_name"], kind=data["kind"]
            )
        except ActionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            remember_participant(request, participant)
            return redirect("training:room")
    return render(request, "training/join.html", {"form": form, "rejoin_form": RejoinForm()})


@never_cache
@require_POST
def rejoin(request: HttpRequest) -> HttpResponse:
    """Come back with the personal rejoin code, on this phone or another."""
    form = RejoinForm(request.POST)
    if form.is_valid():
        try:
            participant = actions.find_participant(form.cleaned_data["rejoin_code"])
        except ActionError as error:
            form.add_error("rejoin_code", error.message)
        else:
            remember_participant(request, participant)
            return redirect("training:room")
    return render(
        request, "training/join.html", {"form": JoinForm(), "rejoin_form": form}, status=400
    )


def room_token(session: TrainingSession) -> str:
    """Return what a phone must reload for when it changes: the step, its answer shown or not,
    and which test is open."""
    open_tests = ",".join(sorted(session.quizzes.filter(open=True).values_list("kind", flat=True)))
    return f"{session.current}:{int(session.revealed)}:{open_tests}"


def _room_context(participant: Participant, error: str = "") -> dict[str, Any]:
    session = participant.session
    step = _step(session)
    context: dict[str, Any] = {
        "participant": participant,
        "session": session,
        "token": room_token(session),
        "step": step,
        "error": error,
    }
    if step is not None:
        room = _prompt(session, step, variant_seed(session, participant.group))
        mine = Response.objects.filter(participant=participant, step=step).first()
        context |= {"prompt": room, "mine": mine}
        if mine is not None and room.next_kinds:
            context["next_overlap"] = room.next_overlap(frozenset(mine.marks))
        if step.kind == StepKind.VULNERABLE and session.revealed:
            context |= _detected()
    return context


@never_cache
def room(request: HttpRequest) -> HttpResponse:
    """A participant's phone: the current step, their answer, and the answer once revealed."""
    participant = current_participant(request)
    return render(request, "training/room.html", _room_context(participant))


@never_cache
@require_POST
def room_answer(request: HttpRequest) -> HttpResponse:
    """Record the participant's answer to the current step."""
    participant = current_participant(request)
    step = _step(participant.session, int(request.POST.get("position", "-1") or -1))
    if step is None:
        return redirect("training:room")
    try:
        actions.answer(
            participant,
            step,
            request.POST.get("choice", ""),
            marks=request.POST.getlist("marks"),
            text=request.POST.get("text", ""),
        )
    except ActionError as error:
        context = _room_context(participant, error.message)
        return render(request, "training/room.html", context, status=error.status)
    return redirect("training:room")


@never_cache
def room_state(request: HttpRequest) -> HttpResponse:
    """Tell a waiting phone whether the room moved on (htmx polls it; 204 means no change)."""
    participant = current_participant(request)
    session = TrainingSession.objects.only("current", "revealed").get(pk=participant.session_id)
    if request.GET.get("at", "") == room_token(session):
        return HttpResponse(status=204)
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response


FORM_LABELS = {
    "sexual": gettext_lazy("Sexual exploitation"),
    "labour": gettext_lazy("Forced labour"),
    "other": gettext_lazy("Other forms of exploitation"),
}
SEX_LABELS = {"female": gettext_lazy("Women and girls"), "male": gettext_lazy("Men and boys")}
AGE_LABELS = {"child": gettext_lazy("under 18"), "adult": gettext_lazy("18 or over")}
FACTOR_LABELS = {
    FactorKind.PUSH: gettext_lazy("Push factors: what drives people away"),
    FactorKind.PULL: gettext_lazy("Pull factors: what draws them"),
    FactorKind.UNIVERSAL: gettext_lazy("Universal factors: anyone can be made vulnerable"),
}


@login_required
@require_http_methods(["GET", "POST"])
def picture(request: HttpRequest) -> HttpResponse:
    """The national picture: GLOTIP data, the factors, and the trainer's own facts."""
    membership = require_role(request.user, Role.TRAINER)
    form = PictureNoteForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            actions.remove_picture_note(membership, request.POST.get("remove", ""))
            return redirect("training:picture")
        if form.is_valid():
            actions.add_picture_note(membership, **form.cleaned_data)
            return redirect("training:picture")
    language = room_language(get_language() or "en")
    content = load_content()
    data = national_picture()
    countries = content.countries
    context = {
        "form": form,
        "data": data,
        "source": GLOTIP_SOURCE,
        "by_form": [(FORM_LABELS[f], n, suppressed) for f, n, suppressed in data.by_form],
        "by_sex_age": [(SEX_LABELS[s], AGE_LABELS[a], n) for s, a, n in data.by_sex_age],
        "neighbours": [
            (countries[c].get(language) if c in countries else c, year, n)
            for c, year, n in data.neighbours
        ],
        "factors": [
            (
                label,
                [
                    (f.label.get(language), f.explanation.get(language))
                    for f in content.factors.values()
                    if f.kind is kind
                ],
            )
            for kind, label in FACTOR_LABELS.items()
        ],
        "notes": PictureNote.objects.filter(organisation_id=membership.organisation_id),
    }
    return render(request, "training/picture.html", context)


@login_required
@require_POST
def media_upload(request: HttpRequest, session_id: int) -> HttpResponse:
    """Attach an image or a video to a step of the session."""
    session = access_session(request.user, session_id)
    membership = require_role(request.user, Role.TRAINER)
    form = MediaForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        step = _step(session, form.cleaned_data["position"])
        upload = form.cleaned_data["file"]
        if step is None:
            error = _("There is no such step.")
        elif upload.size > MAX_MEDIA_BYTES:
            error = _("The file is larger than %(n)d MB.") % {"n": MAX_MEDIA_BYTES // 2**20}
        else:
            try:
                actions.attach_media(
                    step,
                    by=membership,
                    data=upload.read(),
                    description=form.cleaned_data["description"],
                )
            except ActionError as failure:
                error = failure.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if error:
        context = _control_context(session) | {"media_error": error}
        return render(request, "training/control.html", context, status=400)
    return redirect("training:control", session_id=session.pk)


def _in_session(request: HttpRequest, session_id: int) -> bool:
    """Return whether the request comes from the session's trainers or its participants."""
    with contextlib.suppress(Http404):
        access_session(request.user, session_id)
        return True
    with contextlib.suppress(Http404):
        return current_participant(request).session_id == session_id
    return False


@never_cache
def media(request: HttpRequest, media_id: int) -> HttpResponse:
    """Serve a step's image or video to the session's trainers and participants (else 404)."""
    # The file's bytes are read only once the person may see them.
    found = Media.objects.defer("data").filter(pk=media_id).first()
    if found is None or not _in_session(request, found.session_id):
        raise Http404
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def drill_start(request: HttpRequest, session_id: int) -> HttpResponse:
    """Build the stepping-stones drill's fictional network in the sandbox."""
    session = access_session(request.user, session_id)
    drill.start_drill(session)
    return redirect("training:drill", session_id=session.pk)


def _drill_context(session: TrainingSession) -> dict[str, Any]:
    stones = list(session.stones.all())
    groups = list(session.groups.values_list("number", flat=True))
    return {
        "session": session,
        "chain": drill.room_chain(session),
        "stones": [
            (stone, [n for n in groups if stones[(n - 1) % len(stones)].pk == stone.pk])
            for stone in stones
        ],
    }


@login_required
@never_cache
def drill_room(request: HttpRequest, session_id: int) -> HttpResponse:
    """The projector's view of the drill: every stone, who holds the person, and any gap."""
    session = access_session(request.user, session_id)
    return render(request, "training/drill.html", _drill_context(session))


@login_required
@never_cache
def drill_live(request: HttpRequest, session_id: int) -> HttpResponse:
    """The drill's live chain (htmx polls it)."""
    session = access_session(request.user, session_id)
    return render(request, "training/_drill_chain.html", _drill_context(session))


def _stone_context(participant: Participant, message: str = "") -> dict[str, Any]:
    stone = drill.stone_of(participant.session, participant.group)
    return {
        "participant": participant,
        "session": participant.session,
        "view": drill.view_for(stone) if stone is not None else None,
        "message": message,
        "services": [
            (ServiceKind.SHELTER, ServiceKind.SHELTER.label),
            (ServiceKind.MEDICAL, ServiceKind.MEDICAL.label),
            (ServiceKind.PSYCHOSOCIAL, ServiceKind.PSYCHOSOCIAL.label),
        ],
    }


@never_cache
def drill_phone(request: HttpRequest) -> HttpResponse:
    """A group's phone in the drill: the organisation it plays, and what it can do now."""
    participant = current_participant(request)
    return render(request, "training/drill_phone.html", _stone_context(participant))


@never_cache
@require_POST
def drill_act(request: HttpRequest) -> HttpResponse:
    """Do one thing as the group's organisation: a real action, run in the sandbox."""
    participant = current_participant(request)
    stone = drill.stone_of(participant.session, participant.group)
    if stone is None:
        raise Http404
    act = request.POST.get("act", "")
    view = drill.view_for(stone)
    referral = request.POST.get("referral", "")
    try:
        if act == "pass_on" and view.next_stone is not None:
            drill.pass_on(stone, view.next_stone)
        elif act in ("accept", "decline") and referral.isdigit() and int(referral) in view.incoming:
            (drill.accept if act == "accept" else drill.decline)(stone, int(referral))
        elif act == "service":
            drill.give_service(stone, request.POST.get("kind", ""))
        elif act == "refer_for_identification":
            drill.refer_for_identification(stone)
        elif act == "identify":
            drill.identify(stone)
        elif act == "let_go":
            drill.let_go(stone)
        else:
            raise ActionError("invalid", _("This cannot be done now."), status=400)
    except ActionError as error:
        context = _stone_context(participant, error.message)
        return render(request, "training/drill_phone.html", context, status=error.status)
    return redirect("training:drill_phone")
