"""The training day from the trainer's screen and the participants' phones, through the pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.audit.models import AuditEvent
from stepstones.cases.models import Case
from stepstones.errors import ActionError
from stepstones.training import actions
from stepstones.training.content import load_content, stage_keys, study_key
from stepstones.training.models import (
    Group,
    Media,
    Participant,
    ParticipantKind,
    Quiz,
    QuizKind,
    Response,
    Step,
    StepKind,
    TrainingSession,
)
from stepstones.training.results import MIN_CELL, results_for
from stepstones.training.steps import StepSpec, prompt

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)
SCENARIO = "smuggling_turns_into_trafficking_in_transit"


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    study = next(iter(load_content().studies))
    myth = next(iter(load_content().myths))
    return actions.create_session(
        by=trainer,
        title="Skopje, December",
        day=DAY,
        language="en",
        steps=[
            StepSpec(StepKind.POLL),
            StepSpec(StepKind.JOURNEY, SCENARIO, 0),
            StepSpec(StepKind.JOURNEY, SCENARIO, 3),
            StepSpec(StepKind.STUDY, study),
            StepSpec(StepKind.MYTH, myth),
        ],
    )


def _phone(code: str, name: str, kind: str = ParticipantKind.GOVERNMENTAL) -> Client:
    phone = Client()
    response = phone.post(
        reverse("training:join"), {"code": code, "display_name": name, "kind": kind}
    )
    assert response.status_code == 302, response.content
    return phone


def _me(phone: Client) -> Participant:
    html = phone.get(reverse("training:room")).content.decode()
    code = re.search(r"rejoin code: <strong>([A-Z0-9]+)</strong>", html)
    assert code is not None, html
    return Participant.objects.get(rejoin_code=code.group(1))


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_it_creates_a_day_from_the_trainers_form_in_the_days_order(trainer: Membership) -> None:
    client = Client()
    client.force_login(trainer.user)
    content = load_content()
    studies = list(content.studies)[:2]
    response = client.post(
        reverse("training:sessions"),
        {
            "title": "Tetovo, mixed group",
            "day": "2026-12-07",
            "language": "mk",
            "opening": "on",
            "scenario": SCENARIO,
            "studies": studies,
            "myths": [next(iter(content.myths))],
        },
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get(title="Tetovo, mixed group")
    kinds = list(session.steps.values_list("kind", "ref", "stage"))
    stages = len(content.scenarios[SCENARIO].stages)
    assert kinds[0] == (StepKind.POLL, "", 0)
    assert kinds[1 : 1 + stages] == [(StepKind.JOURNEY, SCENARIO, i) for i in range(stages)]
    assert [k[1] for k in kinds[1 + stages : 3 + stages]] == studies
    assert kinds[-1][0] == StepKind.MYTH
    assert re.fullmatch(r"\d{6}", session.join_code)
    page = client.get(reverse("training:control", args=[session.pk])).content.decode()
    assert session.join_code in page


def test_it_refuses_a_day_without_exercises_and_stores_nothing(trainer: Membership) -> None:
    client = Client()
    client.force_login(trainer.user)
    response = client.post(
        reverse("training:sessions"), {"title": "Empty", "day": "2026-12-07", "language": "en"}
    )
    assert response.status_code == 200
    assert "Choose at least one exercise." in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_only_a_trainer_can_run_a_session(trainer: Membership) -> None:
    worker = Membership.objects.create(
        user=User.objects.create_user("walt"),
        organisation=trainer.organisation,
        role=Role.CASE_MANAGER,
    )
    with pytest.raises(ActionError):
        actions.create_session(
            by=worker, title="x", day=DAY, language="en", steps=[StepSpec(StepKind.POLL)]
        )
    assert not TrainingSession.objects.exists()


def test_another_organisations_trainer_sees_nothing(session: TrainingSession) -> None:
    other_org = Organisation.objects.create(
        name="Other", kind=Kind.GOVERNMENTAL, region="Bitola", municipality="Bitola"
    )
    other = Membership.objects.create(
        user=User.objects.create_user("theo"), organisation=other_org, role=Role.TRAINER
    )
    client = Client()
    client.force_login(other.user)
    for name in ("training:control", "training:projector", "training:projector_live"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 404
    assert (
        client.post(reverse("training:move", args=[session.pk]), {"position": 1}).status_code == 404
    )
    session.refresh_from_db()
    assert session.current == 0


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_a_phone_joins_with_the_code_and_gets_a_personal_rejoin_code(
    session: TrainingSession,
) -> None:
    phone = _phone(session.join_code, "Ana")
    me = _me(phone)
    assert (me.display_name, me.session_id, me.kind) == ("Ana", session.pk, "governmental")
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{8}", me.rejoin_code)
    page = phone.get(reverse("training:room")).content.decode()
    assert "Is there anyone here who does not want a better life?" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"code": "000000", "display_name": "Ana", "kind": "volunteer"},
            "code",
            "No session has this code today",
        ),
        ({"code": "12ab56", "display_name": "Ana", "kind": "volunteer"}, "code", "six digits"),
        ({"code": "CODE", "display_name": "   ", "kind": "volunteer"}, "display_name", "required"),
        ({"code": "CODE", "display_name": "Ana", "kind": "police"}, "kind", "valid choice"),
    ],
    ids=["unknown-code", "letters", "blank-name", "unknown-kind"],
)
@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_it_says_what_is_wrong_beside_the_field_and_stores_nothing(
    session: TrainingSession, data: dict[str, str], field: str, message: str
) -> None:
    data = {k: (session.join_code if v == "CODE" else v) for k, v in data.items()}
    response = Client().post(reverse("training:join"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors.get(field)
    assert not Participant.objects.exists()


def test_a_code_stops_working_after_the_day(session: TrainingSession) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)):
        response = Client().post(
            reverse("training:join"),
            {"code": session.join_code, "display_name": "Late", "kind": "volunteer"},
        )
    assert "No session has this code today" in response.content.decode()
    assert not Participant.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_a_participant_rejoins_on_another_phone_where_they_were(session: TrainingSession) -> None:
    phone = _phone(session.join_code, "Ana")
    me = _me(phone)
    step = session.steps.get(position=0)
    assert (
        phone.post(reverse("training:room_answer"), {"position": 0, "choice": "no"}).status_code
        == 302
    )
    other = Client()
    response = other.post(reverse("training:rejoin"), {"rejoin_code": me.rejoin_code.lower()})
    assert response.status_code == 302
    assert _me(other) == me
    page = other.get(reverse("training:room")).content.decode()
    assert 'value="no" checked' in page
    assert Response.objects.get(participant=me, step=step).choice == "no"
    bad = Client().post(reverse("training:rejoin"), {"rejoin_code": "NOTACODE"})
    assert bad.status_code == 400
    assert "not known" in bad.content.decode()


def test_the_room_pages_are_not_found_without_joining() -> None:
    for name in ("training:room", "training:room_state"):
        assert Client().get(reverse(name)).status_code == 404
    assert Client().post(reverse("training:room_answer"), {"choice": "yes"}).status_code == 404


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_answers_are_scored_by_the_engines_key_and_close_when_revealed(
    session: TrainingSession,
) -> None:
    phone = _phone(session.join_code, "Ana")
    me = _me(phone)
    actions.move_to(session, 2)  # the journey's fourth stage
    key = stage_keys(load_content().scenarios[SCENARIO])[3].key.answer
    wrong = "neither" if key.answer.value != "neither" else "smuggling"
    phone.post(reverse("training:room_answer"), {"position": 2, "choice": wrong})
    step = session.steps.get(position=2)
    assert Response.objects.get(participant=me, step=step).score == 0.0
    phone.post(reverse("training:room_answer"), {"position": 2, "choice": key.answer.value})
    assert Response.objects.get(participant=me, step=step).score == 1.0
    actions.reveal(session)
    late = phone.post(reverse("training:room_answer"), {"position": 2, "choice": wrong})
    assert late.status_code == 409
    assert "closed" in late.content.decode()
    assert Response.objects.get(participant=me, step=step).choice == key.answer.value
    actions.reveal(session, shown=False)  # hidden again: still closed
    again = phone.post(reverse("training:room_answer"), {"position": 2, "choice": wrong})
    assert again.status_code == 409
    actions.reveal(session)
    page = phone.get(reverse("training:room")).content.decode()
    assert "The engine&#x27;s answer" in page or "The engine's answer" in page


def test_a_study_and_a_myth_are_keyed_like_the_engine_and_the_content_say() -> None:
    content = load_content()
    study = next(iter(content.studies.values()))
    room = prompt(StepSpec(StepKind.STUDY, study.id), "en")
    assert room.key == study_key(study).answer
    assert room.score(study_key(study).answer.answer.value) == 1.0
    myth = prompt(StepSpec(StepKind.MYTH, next(iter(content.myths))), "mk")
    assert (myth.score("false"), myth.score("true")) == (1.0, 0.0)
    assert prompt(StepSpec(StepKind.POLL), "en").score("yes") is None


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_an_answer_that_is_not_offered_is_refused(session: TrainingSession) -> None:
    phone = _phone(session.join_code, "Ana")
    response = phone.post(reverse("training:room_answer"), {"position": 0, "choice": "maybe"})
    assert response.status_code == 400
    assert "Choose one of the answers shown." in response.content.decode()
    assert not Response.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_groups_are_mixed_by_kind_and_differ_by_at_most_one(session: TrainingSession) -> None:
    for i in range(5):
        actions.join(session.join_code, display_name=f"G{i}", kind=ParticipantKind.GOVERNMENTAL)
    for i in range(4):
        actions.join(session.join_code, display_name=f"N{i}", kind=ParticipantKind.NON_GOVERNMENTAL)
    groups = actions.split_into_groups(session, 2)
    sizes = []
    for group in groups:
        kinds = list(Participant.objects.filter(group=group).values_list("kind", flat=True))
        sizes.append(len(kinds))
        assert kinds.count("governmental") >= 2 and kinds.count("non_governmental") >= 2
    assert sorted(sizes) == [4, 5]
    actions.split_into_groups(session, 3)
    assert Group.objects.filter(session=session).count() == 3
    assert not Participant.objects.filter(session=session, group=None).exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_results_hide_groups_and_kinds_with_too_few_answers(session: TrainingSession) -> None:
    people = [
        actions.join(session.join_code, display_name=f"P{i}", kind=kind)
        for i, kind in enumerate(["governmental"] * MIN_CELL + ["volunteer"])
    ]
    step = session.steps.get(position=0)
    for person in people:
        actions.answer(person, step, "no")
    room = prompt(StepSpec(StepKind.POLL), "en")
    results = results_for(step, room.choices, "Group %(n)s")
    assert results.room.counts == (0, MIN_CELL + 1)
    by_kind = {row.label: row for row in results.kinds}
    assert by_kind["Governmental"].counts == (0, MIN_CELL)
    assert by_kind["Volunteer"].counts is None and by_kind["Volunteer"].total == 1


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_a_waiting_phone_reloads_only_when_the_room_moves(session: TrainingSession) -> None:
    phone = _phone(session.join_code, "Ana")
    url = reverse("training:room_state")
    same = phone.get(url, {"at": "0:0:"})
    assert same.status_code == 204 and "HX-Refresh" not in same
    actions.move_to(session, 1)
    moved = phone.get(url, {"at": "0:0:"})
    assert moved.status_code == 204 and moved["HX-Refresh"] == "true"
    assert "HX-Refresh" not in phone.get(url, {"at": "1:0:"})
    Quiz.objects.create(session=session, kind=QuizKind.PRE, open=True)  # a test opens
    assert phone.get(url, {"at": "1:0:"})["HX-Refresh"] == "true"
    page = phone.get(reverse("training:room")).content.decode()
    assert "at=1%3A0%3Apre" in page


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_the_projector_draws_its_qr_code_locally_and_shows_live_counts(
    session: TrainingSession, trainer: Membership
) -> None:
    client = Client()
    client.force_login(trainer.user)
    page = client.get(reverse("training:projector", args=[session.pk])).content.decode()
    assert "<svg" in page and session.join_code in page
    external = [u for u in re.findall(r'(?:src|href)="(https?://[^"]+)"', page)]
    assert external == []
    for i in range(MIN_CELL):
        person = actions.join(session.join_code, display_name=f"P{i}", kind="volunteer")
        actions.answer(person, session.steps.get(position=0), "yes")
    live = client.get(reverse("training:projector_live", args=[session.pk])).content.decode()
    assert f"{MIN_CELL} answers so far" in live
    assert "P0" not in live  # never a name beside an answer


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_the_trainer_moves_the_room_and_reveals_from_the_projector(
    session: TrainingSession, trainer: Membership
) -> None:
    client = Client()
    client.force_login(trainer.user)
    moved = client.post(
        reverse("training:move", args=[session.pk]), {"position": 1, "next": "projector"}
    )
    assert moved["Location"] == reverse("training:projector", args=[session.pk])
    client.post(reverse("training:reveal", args=[session.pk]), {"shown": "1"})
    session.refresh_from_db()
    assert (session.current, session.revealed) == (1, True)
    client.post(reverse("training:move", args=[session.pk]), {"position": 99})
    session.refresh_from_db()
    assert session.current == 1


def _relations(model: Any) -> set[str]:
    return {
        f.related_model._meta.app_label
        for f in model._meta.get_fields()
        if f.is_relation and f.related_model is not None
    }


def test_the_sandbox_wall_training_tables_point_to_nothing_real_and_nothing_real_points_here() -> (
    None
):
    training = apps.get_app_config("training").get_models()
    for model in training:
        assert _relations(model) <= {"training", "agencies", "auth"}, model
    for label in ("cases", "referrals", "audit"):
        for model in apps.get_app_config(label).get_models():
            assert "training" not in _relations(model), model


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_a_training_day_writes_nothing_to_the_real_records(session: TrainingSession) -> None:
    audit_before, cases_before = AuditEvent.objects.count(), Case.objects.count()
    phone = _phone(session.join_code, "Ana")
    phone.post(reverse("training:room_answer"), {"position": 0, "choice": "yes"})
    actions.split_into_groups(session, 1)
    actions.move_to(session, 1)
    assert (AuditEvent.objects.count(), Case.objects.count()) == (audit_before, cases_before)
    assert Step.objects.filter(session=session).count() == 5


@pytest.fixture
def workshop(trainer: Membership) -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Recruitment workshop",
        day=DAY,
        language="mk",
        steps=[StepSpec(StepKind.VULNERABLE), StepSpec(StepKind.OFFER, "hostesses_abroad")],
    )


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_marked_warning_signs_are_scored_by_the_overlap_with_the_checker(
    workshop: TrainingSession,
) -> None:
    room = prompt(StepSpec(StepKind.OFFER, "hostesses_abroad"), "mk")
    assert room.check is not None
    found = sorted(f.id for f in room.check.flags)
    assert found  # the checker finds warning signs in this ad
    actions.move_to(workshop, 1)
    step = workshop.steps.get(position=1)
    people = [
        actions.join(workshop.join_code, display_name=f"P{i}", kind="volunteer") for i in range(3)
    ]
    exact = actions.answer(people[0], step, marks=found)
    half = actions.answer(people[1], step, marks=found[:1])
    none = actions.answer(people[2], step, marks=[])
    assert exact.score == 1.0
    assert half.score == pytest.approx(2 / (1 + len(found)))
    assert none.score == 0.0
    with pytest.raises(ActionError) as error:
        actions.answer(people[0], step, marks=["no_such_flag"])
    assert error.value.field == "marks"
    results = results_for(step, room.choices, "Group %(n)s", room.marks)
    marked = dict(results.marked)
    assert sum(marked.values()) == len(found) + 1
    assert half.score is not None
    assert results.mean_score == pytest.approx((1.0 + half.score + 0.0) / 3)


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_the_room_lists_who_it_sees_as_vulnerable_without_names(
    workshop: TrainingSession, trainer: Membership
) -> None:
    phone = _phone(workshop.join_code, "Ana")
    sent = phone.post(
        reverse("training:room_answer"), {"position": 0, "text": "  children   travelling alone "}
    )
    assert sent.status_code == 302
    empty = phone.post(reverse("training:room_answer"), {"position": 0, "text": "   "})
    assert empty.status_code == 400
    assert Response.objects.get().text == "children travelling alone"
    client = Client()
    client.force_login(trainer.user)
    live = client.get(reverse("training:projector_live", args=[workshop.pk])).content.decode()
    assert "children travelling alone" in live and "Ana" not in live
    actions.reveal(workshop)
    page = phone.get(reverse("training:room")).content.decode()
    universal = [f for f in load_content().factors.values() if f.kind.value == "universal"]
    assert universal[0].label.get("mk") in page


def test_the_phone_shows_the_flags_to_mark_in_the_rooms_language() -> None:
    labels = dict(prompt(StepSpec(StepKind.OFFER, "hostesses_abroad"), "mk").marks)
    assert labels["passport"].startswith("Бара пасош")
    from stepstones.recruitment.catalogue import catalogue

    checker = {rule.id for rule in catalogue().flags}
    assert set(labels) == checker  # every flag the checker can raise can be marked


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_each_group_travels_its_own_variant_scored_by_its_own_key(trainer: Membership) -> None:
    stages = len(load_content().scenarios[SCENARIO].stages)
    session = actions.create_session(
        by=trainer,
        title="Variants",
        day=DAY,
        language="en",
        steps=[StepSpec(StepKind.JOURNEY, SCENARIO, i) for i in range(stages)],
        variants=True,
    )
    people = [
        actions.join(session.join_code, display_name=f"P{i}", kind="volunteer") for i in range(4)
    ]
    actions.split_into_groups(session, 4)
    seeds = {}
    for person in people:
        person.refresh_from_db()
        assert person.group is not None
        seeds[person.pk] = person.group.number
    travellers = {
        n: prompt(StepSpec(StepKind.JOURNEY, SCENARIO, 0, n), "en").context[0] for n in range(1, 5)
    }
    assert len(set(travellers.values())) > 1  # the groups do not all meet the same person
    last = stages - 1
    actions.move_to(session, last)
    step = session.steps.get(position=last)
    for person in people:
        own = prompt(StepSpec(StepKind.JOURNEY, SCENARIO, last, seeds[person.pk]), "en")
        assert own.key is not None
        assert actions.answer(person, step, own.key.answer.value).score == 1.0
    phone = Client()
    phone.post(reverse("training:rejoin"), {"rejoin_code": people[0].rejoin_code})
    page = phone.get(reverse("training:room")).content.decode()
    assert travellers[seeds[people[0].pk]] in page


def _upload(trainer: Membership, session: TrainingSession, data: bytes) -> Any:
    """Upload `data` for the first step as the trainer, the browser claiming it is a PNG."""
    client = Client()
    client.force_login(trainer.user)
    upload = SimpleUploadedFile("photo.png", data, content_type="image/png")
    return client.post(
        reverse("training:media_upload", args=[session.pk]),
        {"position": 0, "file": upload, "description": "The route on a map"},
    )


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


@pytest.mark.parametrize(
    ("data", "served_as"),
    [(PNG, "image/png"), (MP4, "video/mp4")],
    ids=["png", "mp4"],
)
@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_a_step_shows_an_uploaded_image_or_video_to_the_room_only(
    session: TrainingSession, trainer: Membership, data: bytes, served_as: str
) -> None:
    assert _upload(trainer, session, data).status_code == 302
    media = session.steps.get(position=0).media
    assert media.content_type == served_as
    url = reverse("training:media", args=[media.pk])
    phone = _phone(session.join_code, "Ana")
    assert url in phone.get(reverse("training:room")).content.decode()
    served = phone.get(url)
    assert (served.status_code, served["Content-Type"]) == (200, served_as)
    assert served["X-Content-Type-Options"] == "nosniff"
    assert Client().get(url).status_code == 404  # not in the room
    other = TrainingSession.objects.create(
        organisation=trainer.organisation,
        trainer=trainer.user,
        title="Other",
        day=DAY,
        language="en",
        join_code="654321",
        code_expires_at=session.code_expires_at,
    )
    Step.objects.create(session=other, position=0, kind=StepKind.POLL)
    stranger = _phone(other.join_code, "Eve")  # a participant of another session
    assert stranger.get(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "Only images"),
        (b"<html><script>alert(1)</script></html>", "Only images"),
    ],
    ids=["svg", "html"],
)
def test_a_file_that_is_not_an_image_or_video_is_refused_and_nothing_stored(
    session: TrainingSession, trainer: Membership, data: bytes, message: str
) -> None:
    response = _upload(trainer, session, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Media.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC))
def test_the_room_says_who_acts_next_and_the_debrief_sets_it_beside_the_engines_steps(
    session: TrainingSession,
) -> None:
    room = prompt(StepSpec(StepKind.JOURNEY, SCENARIO, 3), "en")
    assert room.next_key  # the engine's next steps name kinds of organisation
    assert room.next_overlap(room.next_key) == 1.0
    assert room.next_overlap(frozenset()) == 0.0
    phone = _phone(session.join_code, "Ana")
    actions.move_to(session, 2)
    assert room.key is not None
    chosen = sorted(room.next_key)[:1]
    sent = phone.post(
        reverse("training:room_answer"),
        {"position": 2, "choice": room.key.answer.value, "marks": chosen},
    )
    assert sent.status_code == 302
    response = Response.objects.get()
    assert (response.marks, response.score) == (chosen, 1.0)
    bad = phone.post(
        reverse("training:room_answer"),
        {"position": 2, "choice": room.key.answer.value, "marks": ["astrologers"]},
    )
    assert bad.status_code == 400
    actions.reveal(session)
    page = phone.get(reverse("training:room")).content.decode()
    assert "Who acts next, in the engine" in page
    assert "matches it by" in page
