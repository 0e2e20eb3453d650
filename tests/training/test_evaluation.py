"""What the day changed: the tests before, after and weeks later, the results, the form."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from stepstones.agencies.models import Kind, Membership, Organisation, Role
from stepstones.errors import ActionError
from stepstones.training import actions
from stepstones.training import evaluation_actions as ev_actions
from stepstones.training.content import (
    CONTENT_DIR,
    Choice,
    ContentError,
    load_content,
    study_key,
)
from stepstones.training.evaluation import (
    Bank,
    Cell,
    PersonScores,
    Question,
    QuestionKind,
    gain,
    kind_table,
    load_bank,
    mean,
    question_order,
    question_table,
    retention,
)
from stepstones.training.evaluation_charts import Series, bar_chart
from stepstones.training.models import (
    Evaluation,
    Participant,
    ParticipantKind,
    Quiz,
    QuizAnswer,
    QuizKind,
    StepKind,
    TrainingSession,
)
from stepstones.training.results import MIN_CELL
from stepstones.training.steps import StepSpec

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)
MORNING = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)
GOV = ParticipantKind.GOVERNMENTAL
NGO = ParticipantKind.NON_GOVERNMENTAL
INTL = ParticipantKind.INTERNATIONAL
VOL = ParticipantKind.VOLUNTEER
KINDS = [(GOV.value, "Gov"), (NGO.value, "NGO"), (INTL.value, "Intl"), (VOL.value, "Vol")]


def _session(trainer: Membership, language: str = "en") -> TrainingSession:
    return actions.create_session(
        by=trainer,
        title="Skopje, December",
        day=DAY,
        language=language,
        steps=[StepSpec(StepKind.POLL)],
    )


@pytest.fixture
def session(trainer: Membership) -> TrainingSession:
    return _session(trainer)


@pytest.fixture
def bank() -> Bank:
    return load_bank()


def _trainer_client(trainer: Membership) -> Client:
    client = Client()
    client.force_login(trainer.user)
    return client


def _right(question: Question) -> str:
    if question.truth is not None:
        return "true" if question.truth else "false"
    assert question.key is not None
    return question.key.answer.value


def _wrong(question: Question) -> str:
    if question.truth is not None:
        return "false" if question.truth else "true"
    assert question.key is not None
    return next(
        c.value
        for c in Choice
        if c is not question.key.answer and c not in question.key.partly_right
    )


def _answers(bank: Bank, right: int) -> dict[str, str]:
    """Answer the first `right` questions of the bank rightly, the rest wrongly."""
    return {q.id: _right(q) if i < right else _wrong(q) for i, q in enumerate(bank.questions)}


@pytest.fixture(autouse=True)
def _on_the_training_day() -> Iterator[None]:
    """Every test here runs on the training day, the clock ticking from its morning.

    A phone joins in the morning; what it does next must happen the same day, whenever the
    suite runs: a phone's session ends 12 hours after it began (agencies/sessions.py).
    """
    with time_machine.travel(MORNING, tick=True):
        yield


def _phone(session: TrainingSession, name: str, kind: str = GOV) -> tuple[Client, Participant]:
    phone = Client()
    response = phone.post(
        reverse("training:join"), {"code": session.join_code, "display_name": name, "kind": kind}
    )
    assert response.status_code == 302
    participant = Participant.objects.get(session=session, display_name=name)
    return phone, participant


def _post_quiz(phone: Client, kind: str, answers: dict[str, str]) -> int:
    response = phone.post(reverse("training:quiz_room"), {"kind": kind} | answers)
    return response.status_code


# ---------------------------------------------------------------------------------------------
# The question bank and the scoring


def test_the_bank_has_at_least_ten_questions_from_myths_and_engine_keyed_studies(
    bank: Bank,
) -> None:
    content = load_content()
    assert len(bank.questions) >= 10
    kinds = {q.kind for q in bank.questions}
    assert kinds == {QuestionKind.MYTH, QuestionKind.STUDY}
    for question in bank.questions:
        if question.kind is QuestionKind.STUDY:
            study = content.studies[question.id.removeprefix("study:")]
            assert question.key == study_key(study).answer, question.id
    # Both true and false statements, so "always false" does not pay.
    assert {q.truth for q in bank.questions if q.kind is QuestionKind.MYTH} == {True, False}
    assert {c.id for c in bank.commitments} and all(
        c.text.has("en") and c.text.has("mk") for c in bank.commitments
    )


@pytest.mark.parametrize(
    ("question_id", "choice", "points"),
    [
        ("myth:a_border_must_be_crossed", "false", 1.0),
        ("myth:a_border_must_be_crossed", "true", 0.0),
        ("myth:only_the_poor_or_uneducated", "true", 1.0),
        ("myth:only_the_poor_or_uneducated", "false", 0.0),
        ("study:bar_in_the_west_girl_15", "trafficking", 1.0),
        ("study:bar_in_the_west_girl_15", "smuggling", 0.0),
        ("study:sex_as_payment_for_passage", "both", 1.0),
        ("study:sex_as_payment_for_passage", "trafficking", 0.5),
        ("study:adult_sex_work_by_choice", "neither", 1.0),
        ("study:adult_sex_work_by_choice", "not_yet_known", 0.5),
        ("study:adult_sex_work_by_choice", "nonsense", 0.0),
    ],
    ids=[
        "myth-shown-false",
        "myth-believed",
        "fact-shown-true",
        "fact-denied",
        "study-key",
        "study-wrong",
        "study-both",
        "study-half-for-trafficking-only",
        "study-neither",
        "study-half-for-not-yet-known",
        "unknown-choice",
    ],
)
def test_it_scores_accuracy_only(bank: Bank, question_id: str, choice: str, points: float) -> None:
    question = bank.question(question_id)
    assert question is not None
    assert question.score(choice) == points


def test_the_order_is_reproducible_per_person_and_test(bank: Bank) -> None:
    first = [q.id for q in question_order(bank, "ACDEFGHJ", QuizKind.PRE)]
    assert first == [q.id for q in question_order(bank, "ACDEFGHJ", QuizKind.PRE)]
    assert sorted(first) == sorted(q.id for q in bank.questions)
    post = [q.id for q in question_order(bank, "ACDEFGHJ", QuizKind.POST)]
    others = {
        tuple(q.id for q in question_order(bank, code, QuizKind.PRE))
        for code in ("KMNPQRTU", "VWXY3467", "CCCCCCCC", "DDDDDDDD")
    }
    assert post != first
    assert len(others | {tuple(first)}) == 5
    assert first != [q.id for q in bank.questions]


def test_a_bank_that_names_unknown_content_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    (directory / "quiz.yaml").write_text(
        "questions:\n  - myth: the_moon_is_cheese\ncommitments: []\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="unknown myth"):
        load_bank(directory)


# ---------------------------------------------------------------------------------------------
# The arithmetic


@pytest.mark.parametrize(
    ("pairs", "expected", "n"),
    [
        ([], None, 0),
        ([(0.5, 0.8)], 0.3, 1),
        ([(0.5, 0.8), (0.6, 1.0)], 0.35, 2),
        ([(0.9, 0.7), (0.5, 0.5)], -0.1, 2),
        ([(0.547, 0.845)], 0.298, 1),
    ],
    ids=["nobody", "one", "two", "a-loss", "lift-course-figures"],
)
def test_gain_is_the_mean_of_post_minus_pre(
    pairs: list[tuple[float, float]], expected: float | None, n: int
) -> None:
    cell = gain(pairs)
    assert cell.n == n
    assert cell.value == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("pairs", "expected", "n"),
    [
        ([], None, 0),
        ([(0.8, 0.8)], 1.0, 1),
        ([(0.8, 0.4), (1.0, 0.6)], 1.0 / 1.8, 2),
        ([(0.845, 0.5)], 0.5 / 0.845, 1),
        ([(0.0, 0.5)], None, 1),
    ],
    ids=["nobody", "nothing-forgotten", "ratio-of-means", "lift-course-figures", "post-zero"],
)
def test_retention_is_the_follow_up_mean_over_the_post_mean(
    pairs: list[tuple[float, float]], expected: float | None, n: int
) -> None:
    cell = retention(pairs)
    assert cell.n == n
    assert cell.value == (None if expected is None else pytest.approx(expected))


def _people(kind: str, count: int, **scores: float) -> list[PersonScores]:
    return [PersonScores(kind, dict(scores)) for _ in range(count)]


def test_a_kind_with_fewer_than_min_cell_participants_is_hidden_whole() -> None:
    people = (
        _people(GOV, 5, pre=0.5, post=0.8, follow_up=0.6)
        + _people(NGO, 4, pre=0.6, post=0.9)
        + _people(VOL, MIN_CELL - 1, pre=0.1, post=0.2)
    )
    rows, room = kind_table(people, KINDS, "All")
    by_kind = {row.kind: row for row in rows}
    assert set(by_kind) == {GOV, NGO, VOL}  # international: nobody came
    volunteers = by_kind[VOL]
    assert volunteers.hidden
    assert all(c.value is None for c in volunteers.cells.values())
    assert volunteers.pre.suppressed and volunteers.gain.suppressed
    gov = by_kind[GOV]
    assert gov.pre.value == pytest.approx(0.5)
    assert gov.post.value == pytest.approx(0.8)
    assert gov.gain.value == pytest.approx(0.3)
    assert gov.retention.value == pytest.approx(0.75)
    # The NGO stays beside the governmental participants; nobody of it took the follow-up.
    ngo = by_kind[NGO]
    assert ngo.pre.value == pytest.approx(0.6)
    assert ngo.follow_up == Cell(None, 0)
    # The room's cells would give the volunteers' mean away (11 people minus 9 shown): hidden.
    assert room.participants == 11 and not room.hidden
    assert room.pre.suppressed and room.gain.suppressed
    # The follow-up column has no hidden kind: the room's cell is shown.
    assert room.follow_up.n == 5
    assert room.follow_up.value == pytest.approx(0.6)


def test_it_hides_the_rooms_cell_when_it_would_give_a_hidden_cell_away() -> None:
    # Five governmental, four NGO, three international took both tests; only two international
    # people took the follow-up: their cell is hidden, and so is the room's follow-up.
    people = (
        _people(GOV, 5, pre=0.5, post=0.8, follow_up=0.7)
        + _people(NGO, 4, pre=0.6, post=0.9, follow_up=0.8)
        + _people(INTL, 1, pre=0.4, post=0.8)
        + _people(INTL, 2, pre=0.4, post=0.8, follow_up=0.2)
    )
    rows, room = kind_table(people, KINDS)
    by_kind = {row.kind: row for row in rows}
    assert by_kind[INTL].follow_up.suppressed
    assert room.follow_up.suppressed and room.retention.suppressed
    assert by_kind[GOV].follow_up.value == pytest.approx(0.7)
    assert by_kind[NGO].follow_up.value == pytest.approx(0.8)
    # Columns without a hidden cell are all shown, the room's included.
    assert all(row.pre.value is not None for row in rows)
    assert room.pre.value is not None and room.gain.value is not None


def test_two_hidden_kinds_of_three_people_together_leave_the_room_shown() -> None:
    people = (
        _people(GOV, 4, pre=0.5)
        + _people(NGO, 3, pre=0.6)
        + _people(INTL, 2, pre=0.4)
        + _people(VOL, 1, pre=0.2)
    )
    rows, room = kind_table(people, KINDS)
    assert [r.kind for r in rows if r.hidden] == [INTL, VOL]
    assert room.pre.value == pytest.approx(4.8 / 10)


def test_a_question_cell_of_fewer_than_min_cell_answers_is_hidden(bank: Bank) -> None:
    first = bank.questions[0].id
    scores = [(QuizKind.PRE, first, 1.0)] * MIN_CELL + [(QuizKind.POST, first, 1.0)] * (
        MIN_CELL - 1
    )
    row = question_table(bank, scores, "en")[0]
    assert row.pre == Cell(1.0, MIN_CELL)
    assert row.post.suppressed and row.post.value is None
    assert row.follow_up == Cell(None, 0)


def test_mean_of_nothing_is_nothing() -> None:
    assert mean([]) == Cell(None, 0)
    assert mean([1.0, 0.0]) == Cell(0.5, 2)


def test_the_chart_escapes_its_texts_and_marks_missing_values() -> None:
    svg = bar_chart(
        chart_id="c",
        title="A <b> title",
        categories=["Gov & co", "Small"],
        series=[Series("Before", (0.5, None))],
        maximum=1.0,
        scale=100,
        unit=" %",
        missing="not shown",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "A &lt;b&gt; title" in svg and "Gov &amp; co" in svg
    assert "50 %" in svg and "Before: not shown" in svg


# ---------------------------------------------------------------------------------------------
# The trainer opens and closes the tests


def test_the_trainer_opens_a_test_from_the_control_page_and_opening_another_closes_it(
    trainer: Membership, session: TrainingSession
) -> None:
    client = _trainer_client(trainer)
    page = client.get(reverse("training:control", args=[session.pk])).content.decode()
    assert "Open this test" in page
    toggle = reverse("training:quiz_toggle", args=[session.pk])
    response = client.post(toggle, {"kind": "pre", "open": "1", "next": "control"})
    assert response.status_code == 302
    assert response["Location"] == reverse("training:control", args=[session.pk])
    assert Quiz.objects.get(session=session, kind="pre").open
    client.post(toggle, {"kind": "post", "open": "1"})
    assert dict(Quiz.objects.filter(session=session).values_list("kind", "open")) == {
        "pre": False,
        "post": True,
    }
    client.post(toggle, {"kind": "post", "open": "0"})
    assert not Quiz.objects.filter(open=True).exists()


def test_an_unknown_test_is_refused(session: TrainingSession) -> None:
    with pytest.raises(ActionError):
        ev_actions.open_quiz(session, "mid_term")
    assert not Quiz.objects.exists()


# ---------------------------------------------------------------------------------------------
# The phones


def test_a_participant_answers_on_the_phone_and_sees_only_their_own_scores(
    session: TrainingSession, bank: Bank
) -> None:
    ana_phone, ana = _phone(session, "Ana", GOV)
    bojan_phone, bojan = _phone(session, "Bojan", NGO)
    ev_actions.open_quiz(session, QuizKind.PRE)
    room = ana_phone.get(reverse("training:room")).content.decode()
    assert reverse("training:quiz_room") in room and "Take the test" in room
    page = ana_phone.get(reverse("training:quiz_room"))
    assert page.status_code == 200
    # The phone shows the questions in this participant's order.
    shown = [item.field.name for item in page.context["form"].items()]
    assert shown == [q.id for q in question_order(bank, ana.rejoin_code, QuizKind.PRE)]
    assert _post_quiz(ana_phone, "pre", _answers(bank, len(bank.questions))) == 302
    assert _post_quiz(bojan_phone, "pre", _answers(bank, 0)) == 302
    assert QuizAnswer.objects.filter(participant=ana).count() == len(bank.questions)

    ana_page = ana_phone.get(reverse("training:quiz_room"))
    bojan_page = bojan_phone.get(reverse("training:quiz_room"))
    assert ana_page.context["mine"].scores[QuizKind.PRE].value == 1.0
    assert bojan_page.context["mine"].scores[QuizKind.PRE].value == 0.0
    assert "100 %" in ana_page.content.decode()
    assert "100 %" not in bojan_page.content.decode()
    assert "Ana" not in bojan_page.content.decode()
    assert ana.rejoin_code not in bojan_page.content.decode()


def test_a_phone_that_has_not_joined_sees_nothing() -> None:
    assert Client().get(reverse("training:quiz_room")).status_code == 404
    assert Client().get(reverse("training:evaluation_form")).status_code == 404


@pytest.mark.parametrize("opened", [False, True], ids=["never-opened", "opened-then-closed"])
def test_a_closed_test_refuses_answers_and_stores_nothing(
    session: TrainingSession, bank: Bank, opened: bool
) -> None:
    phone, _me = _phone(session, "Ana")
    if opened:
        ev_actions.open_quiz(session, QuizKind.POST)
        ev_actions.close_quiz(session, QuizKind.POST)
    response = phone.post(
        reverse("training:quiz_room"), {"kind": "post"} | _answers(bank, len(bank.questions))
    )
    assert response.status_code == 409
    assert "This test is closed" in response.content.decode()
    assert not QuizAnswer.objects.exists()


def test_answers_to_a_test_closed_meanwhile_are_refused_by_the_action(
    session: TrainingSession, bank: Bank
) -> None:
    _phone_, me = _phone(session, "Ana")
    with pytest.raises(ActionError) as refused:
        ev_actions.submit_answers(me, QuizKind.PRE, _answers(bank, 3), bank)
    assert refused.value.status == 409
    assert not QuizAnswer.objects.exists()


def test_a_missing_answer_is_named_beside_its_question_and_nothing_is_stored(
    session: TrainingSession, bank: Bank
) -> None:
    phone, _me = _phone(session, "Ana")
    ev_actions.open_quiz(session, QuizKind.PRE)
    answers = _answers(bank, 5)
    missing = bank.questions[2].id
    del answers[missing]
    answers[bank.questions[3].id] = "maybe"
    response = phone.post(reverse("training:quiz_room"), {"kind": "pre"} | answers)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {missing, bank.questions[3].id}
    # The message sits inside the question's own fieldset.
    html = response.content.decode()
    for fieldset in re.findall(r"<fieldset class=\"quiz-question\".*?</fieldset>", html, re.S):
        has_error = "Choose one of the answers." in fieldset
        named = f'name="{missing}"' in fieldset or f'name="{bank.questions[3].id}"' in fieldset
        assert has_error == named
    assert not QuizAnswer.objects.exists()


def test_the_follow_up_weeks_later_links_to_the_same_participant_by_the_rejoin_code(
    session: TrainingSession, bank: Bank
) -> None:
    phone, me = _phone(session, "Ana")
    for kind, right in ((QuizKind.PRE, 7), (QuizKind.POST, 14)):
        ev_actions.open_quiz(session, kind)
        assert _post_quiz(phone, kind, _answers(bank, right)) == 302
    ev_actions.close_quiz(session, QuizKind.POST)
    with time_machine.travel(dt.datetime(2027, 1, 25, 10, 0, tzinfo=dt.UTC)):
        ev_actions.open_quiz(session, QuizKind.FOLLOW_UP)
        new_phone = Client()
        response = new_phone.post(reverse("training:rejoin"), {"rejoin_code": me.rejoin_code})
        assert response.status_code == 302
        assert _post_quiz(new_phone, QuizKind.FOLLOW_UP, _answers(bank, 7)) == 302
        page = new_phone.get(reverse("training:quiz_room"))
    assert set(QuizAnswer.objects.filter(participant=me).values_list("quiz__kind", flat=True)) == {
        "pre",
        "post",
        "follow_up",
    }
    mine = page.context["mine"]
    assert mine.gain.value == pytest.approx(0.5)
    assert mine.retention.value == pytest.approx(0.5)


def test_the_evaluation_form_is_stored_and_bad_input_is_named_beside_the_field(
    session: TrainingSession, bank: Bank
) -> None:
    phone, me = _phone(session, "Ana")
    url = reverse("training:evaluation_form")
    response = phone.post(url, {"learnt": "x", "commitments": ["not_a_commitment"]})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"usefulness", "commitments"}
    assert "Choose how useful the day was" in response.content.decode()
    assert not Evaluation.objects.exists()
    good = {
        "usefulness": "4",
        "learnt": "Smuggling can turn into trafficking.",
        "commitments": [bank.commitments[0].id, bank.commitments[1].id],
        "comment": "",
    }
    assert phone.post(url, good).status_code == 302
    stored = Evaluation.objects.get(participant=me)
    assert (stored.usefulness, stored.session_id) == (4, session.pk)
    assert stored.commitments == sorted([bank.commitments[0].id, bank.commitments[1].id])


# ---------------------------------------------------------------------------------------------
# Results, the report and the CSV


def _a_day(session: TrainingSession, bank: Bank) -> list[Participant]:
    """Four governmental, three NGO and two volunteer participants take both tests and the
    form; everyone's answers are stored through the actions."""
    people: list[Participant] = []
    plan = [(GOV, 4, 6, 12), (NGO, 3, 8, 13), (VOL, 2, 2, 14)]
    for kind, count, pre, post in plan:
        for i in range(count):
            _phone_, person = _phone(session, f"{kind}-{i}", kind)
            people.append(person)
            for quiz_kind, right in ((QuizKind.PRE, pre), (QuizKind.POST, post)):
                ev_actions.open_quiz(session, quiz_kind)
                ev_actions.submit_answers(person, quiz_kind, _answers(bank, right), bank)
            ev_actions.submit_evaluation(
                person,
                usefulness=4 + (i % 2),
                learnt=f"lesson {i}",
                commitments=[bank.commitments[0].id],
                comment="",
                bank=bank,
            )
    return people


def test_the_results_page_shows_each_chart_with_its_table_beside_it(
    trainer: Membership, session: TrainingSession, bank: Bank
) -> None:
    people = _a_day(session, bank)
    client = _trainer_client(trainer)
    response = client.get(reverse("training:evaluation_results", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    figures = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
    assert len(figures) == 3  # per kind, usefulness, commitments
    for figure in figures:
        assert re.search(r'<svg[^>]*role="img"', figure)
        assert "<table" in figure and "<th" in figure
    report = response.context["report"]
    gov = next(row for row in report.kinds if row.kind == GOV)
    assert gov.pre.value == pytest.approx(6 / 14) and gov.post.value == pytest.approx(12 / 14)
    assert gov.gain.value == pytest.approx(6 / 14)
    vol = next(row for row in report.kinds if row.kind == VOL)
    assert vol.hidden
    assert "too few to show" in html
    for person in people:
        assert person.display_name not in html
        assert person.rejoin_code not in html


def test_the_csv_has_a_header_and_the_figures_without_names_or_codes(
    trainer: Membership, session: TrainingSession, bank: Bank
) -> None:
    people = _a_day(session, bank)
    response = _trainer_client(trainer).get(reverse("training:evaluation_csv", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Section", "Item", "Measure", "Value", "Participants", "Note"]
    assert all(len(row) == 6 for row in rows)
    by_item = {(r[1], r[2]): r for r in rows[1:]}
    assert by_item[("Governmental", "Gain (percentage points)")][3] == f"{600 / 14:.1f}"
    assert by_item[("Governmental", "Before the training (%)")][4] == "4"
    assert by_item[("Volunteer", "Before the training (%)")][3:5] == ["", ""]
    assert by_item[("Usefulness (1 to 5)", "Mean usefulness")][3] == "4.44"
    for person in people:
        assert person.display_name not in text
        assert person.rejoin_code not in text


def test_the_report_is_printable_and_in_the_sessions_language(
    trainer: Membership, bank: Bank
) -> None:
    session = _session(trainer, language="mk")
    _a_day(session, bank)
    response = _trainer_client(trainer).get(
        reverse("training:evaluation_report", args=[session.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="mk">' in html
    assert "web/print.css" in html and 'media="print"' in html
    assert "Мотелот на магистралата" in html  # a study's title, from the content in Macedonian
    assert bank.commitments[0].text.get("mk") in html
    assert "Извештај од евалуацијата" in html  # the interface too, whatever the trainer's
    rows = list(
        csv.reader(
            io.StringIO(
                _trainer_client(trainer)
                .get(reverse("training:evaluation_csv", args=[session.pk]))
                .content.decode()
            )
        )
    )
    assert rows[0][0] == "Дел"


def test_another_organisations_trainer_gets_404(session: TrainingSession) -> None:
    other_org = Organisation.objects.create(
        name="Other", kind=Kind.GOVERNMENTAL, region="Bitola", municipality="Bitola"
    )
    other = Membership.objects.create(
        user=User.objects.create_user("theo"), organisation=other_org, role=Role.TRAINER
    )
    client = _trainer_client(other)
    for name in ("training:evaluation_results", "training:evaluation_report"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 404
    assert client.get(reverse("training:evaluation_csv", args=[session.pk])).status_code == 404
    toggle = reverse("training:quiz_toggle", args=[session.pk])
    assert client.post(toggle, {"kind": "pre", "open": "1"}).status_code == 404
    assert not Quiz.objects.exists()


def test_the_results_page_costs_the_same_few_queries_however_many_answered(
    trainer: Membership,
    session: TrainingSession,
    bank: Bank,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    _a_day(session, bank)
    client = _trainer_client(trainer)
    url = reverse("training:evaluation_results", args=[session.pk])
    client.get(url)  # the bank and the content are loaded once per process
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
