"""What the training day changed: the knowledge test, its scores, and the evaluation form.

bank = load_bank()                                   # content/quiz.yaml, checked against content
order = question_order(bank, "ACDE7FGH", "pre")      # shuffled per person and test, reproducibly
bank.questions[0].score("false")                     # accuracy only: 1, 0.5 or 0
gain(pairs), retention(pairs)                        # the day's gain; what is left weeks later
kind_table(people, kinds)                            # per kind of organisation, small cells hidden
report = session_report(session, bank, language)     # every table of the results page
csv_report(report)                                   # the same figures as CSV, no names, no codes

No answer is written by hand: a myth question's answer is "false" when the myth is shown and
"true" when the fact that answers it is shown (both from myths.yaml); a case study's key is the
engine's assessment of the study's facts (`content.study_key`), scored like the room's answers.

The arithmetic (`mean`, `gain`, `retention`, `kind_table`, `question_table`) is pure; reading the
answers of a session (`session_report`, `own_scores`) is the only database access here. Nothing
here knows a name: participants are rows, linked across the tests by their participant row (the
one the personal rejoin code finds), never by an identity.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stepstones import csvsafe
from stepstones.training.content import (
    CONTENT_DIR,
    REQUIRED_LANGUAGES,
    Choice,
    Content,
    ContentError,
    RoomAnswer,
    Text,
    complete_languages,
    load_content,
    score_answer,
    study_key,
)
from stepstones.training.model import interface_language, with_serbian_latin
from stepstones.training.models import (
    Evaluation,
    Participant,
    ParticipantKind,
    Quiz,
    QuizAnswer,
    QuizKind,
    TrainingSession,
)
from stepstones.training.results import MIN_CELL

__all__ = [
    "MYTH_CHOICES",
    "QUIZ_KINDS",
    "USEFULNESS",
    "Bank",
    "Cell",
    "Commitment",
    "FormSummary",
    "KindRow",
    "OwnScores",
    "PersonScores",
    "Question",
    "QuestionRow",
    "Report",
    "csv_report",
    "form_summary",
    "gain",
    "kind_table",
    "load_bank",
    "mean",
    "own_scores",
    "question_order",
    "question_table",
    "quiz_labels",
    "quiz_states",
    "retention",
    "room_languages",
    "session_report",
]

QUIZ_FILE = "quiz.yaml"
#: The tests in the order they are taken.
QUIZ_KINDS: tuple[str, ...] = (QuizKind.PRE, QuizKind.POST, QuizKind.FOLLOW_UP)
MYTH_CHOICES = (("true", gettext_lazy("True")), ("false", gettext_lazy("False")))
#: The usefulness scale of the evaluation form, 1 (not useful) to 5.
USEFULNESS = (
    (1, gettext_lazy("1: not useful")),
    (2, gettext_lazy("2: a little useful")),
    (3, gettext_lazy("3: useful")),
    (4, gettext_lazy("4: very useful")),
    (5, gettext_lazy("5: extremely useful")),
)


# ---------------------------------------------------------------------------------------------
# The question bank


class QuestionKind(StrEnum):
    """Where a question comes from: a myth (true or false) or a case study (the room's choices)."""

    MYTH = "myth"
    STUDY = "study"


@dataclass(frozen=True)
class Question:
    """One question of the knowledge test; `id` is what an answer stores (`myth:<id>`, ...).

    A myth question has `truth` (whether the statement shown is true); a study question has the
    engine's `key`.
    """

    id: str
    kind: QuestionKind
    statement: Text
    title: Text | None = None
    truth: bool | None = None
    key: RoomAnswer | None = None

    def values(self) -> frozenset[str]:
        """Return the values a participant may choose."""
        if self.kind is QuestionKind.MYTH:
            return frozenset(value for value, _label in MYTH_CHOICES)
        return frozenset(c.value for c in Choice)

    def choices(self, language: str) -> tuple[tuple[str, str], ...]:
        """Return the choices as (value, label), labelled in `language` (the content's)."""
        if self.kind is QuestionKind.MYTH:
            with translation.override(interface_language(language)):
                return tuple((value, str(label)) for value, label in MYTH_CHOICES)
        texts = load_content().choices
        return tuple((c.value, texts[c].get(language)) for c in Choice)

    def valid(self, choice: str) -> bool:
        """Return whether `choice` is one of this question's choices."""
        return choice in self.values()

    def score(self, choice: str) -> float:
        """Return the points for `choice`: accuracy only (1, 0.5 for a partly right study answer,
        else 0); there is no time input."""
        if self.truth is not None:
            return 1.0 if choice == ("true" if self.truth else "false") else 0.0
        if self.key is None or choice not in {c.value for c in Choice}:
            return 0.0
        return score_answer(Choice(choice), self.key)

    def label(self, language: str) -> str:
        """Return a short label for tables: the study's title, or the statement's first sentence."""
        if self.title is not None:
            return self.title.get(language)
        text = self.statement.get(language)
        first, dot, _rest = text.partition(". ")
        return first + "." if dot else text


@dataclass(frozen=True)
class Commitment:
    """A commitment to cooperation the evaluation form offers."""

    id: str
    text: Text


@dataclass(frozen=True)
class Bank:
    """The knowledge test's questions (in file order) and the form's commitments."""

    questions: tuple[Question, ...]
    commitments: tuple[Commitment, ...]

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


def _text(value: object, where: str) -> Text:
    if not isinstance(value, dict):
        raise ContentError(QUIZ_FILE, where, "a text is a mapping {language: text}")
    items = tuple((str(k), str(v).strip()) for k, v in value.items())
    for language in REQUIRED_LANGUAGES:
        if not dict(items).get(language):
            raise ContentError(QUIZ_FILE, where, f"the {language} text is missing")
    return Text(with_serbian_latin(items))


def _question(raw: object, where: str, content: Content) -> Question:
    if not isinstance(raw, dict):
        raise ContentError(QUIZ_FILE, where, "a question is a mapping: myth and show, or study")
    if "myth" in raw:
        myth = content.myths.get(str(raw["myth"]))
        if myth is None:
            raise ContentError(QUIZ_FILE, where, f"unknown myth {raw['myth']!r} (myths.yaml)")
        show = raw.get("show", "myth")
        if show not in ("myth", "fact"):
            raise ContentError(QUIZ_FILE, where, "show is myth or fact")
        statement = myth.myth if show == "myth" else myth.fact
        return Question(f"myth:{myth.id}", QuestionKind.MYTH, statement, truth=show == "fact")
    if "study" in raw:
        study = content.studies.get(str(raw["study"]))
        if study is None:
            raise ContentError(QUIZ_FILE, where, f"unknown study {raw['study']!r} (studies.yaml)")
        key = study_key(study, content=content).answer
        return Question(
            f"study:{study.id}", QuestionKind.STUDY, study.story, title=study.title, key=key
        )
    raise ContentError(QUIZ_FILE, where, "a question names a myth or a study")


def load_bank(directory: Path | None = None) -> Bank:
    """Return the question bank of `quiz.yaml` (cached for the default directory).

    Raise ContentError naming the entry when the file names unknown content, repeats a question
    or misses a text in English or Macedonian.
    """
    if directory is None:
        return _default_bank()
    return _load_bank(directory, load_content(directory))


def room_languages() -> tuple[str, ...]:
    """Return the languages a training room can run in, English and Macedonian always.

    Those are the languages in which the content and the evaluation's commitments are both
    complete: a room in any other would show participants English halfway through the day.
    """
    commitments = complete_languages(load_bank().commitments)
    return tuple(code for code in load_content().languages if code in commitments)


@functools.cache
def _default_bank() -> Bank:
    return _load_bank(CONTENT_DIR, load_content())


def _load_bank(directory: Path, content: Content) -> Bank:
    raw = yaml.safe_load((directory / QUIZ_FILE).read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ContentError(QUIZ_FILE, "", "expected questions and commitments")
    questions = tuple(
        _question(entry, f"questions[{i}]", content)
        for i, entry in enumerate(raw.get("questions") or [])
    )
    if len({q.id for q in questions}) != len(questions):
        raise ContentError(QUIZ_FILE, "questions", "a question is asked twice")
    commitments = []
    for i, entry in enumerate(raw.get("commitments") or []):
        where = f"commitments[{i}]"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise ContentError(QUIZ_FILE, where, "a commitment has an id and a text")
        commitments.append(Commitment(str(entry["id"]), _text(entry.get("text"), where)))
    if len({c.id for c in commitments}) != len(commitments):
        raise ContentError(QUIZ_FILE, "commitments", "a commitment id is used twice")
    return Bank(questions, tuple(commitments))


def question_order(bank: Bank, rejoin_code: str, quiz_kind: str) -> tuple[Question, ...]:
    """Return the bank's questions shuffled for one participant and one test, reproducibly.

    The seed is a hash of the test's kind and the participant's rejoin code, so the same person
    gets the same order on every phone and reload, and another order in the next test.
    """
    digest = hashlib.sha256(f"{quiz_kind}:{rejoin_code}".encode()).digest()
    questions = list(bank.questions)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(questions)  # noqa: S311 - an order, not a secret
    return tuple(questions)


# ---------------------------------------------------------------------------------------------
# Arithmetic: means, gain, retention, and cells too small to show


@dataclass(frozen=True)
class Cell:
    """A figure and the number of participants behind it.

    `value` is a share (0..1) for a test score, a difference of shares for a gain, a ratio for
    retention; it is None when there is nothing to show (`n == 0`, or retention after a post-test
    mean of 0) or when the cell is `suppressed` (too few participants, or hidden so that a small
    cell cannot be worked out from the total).
    """

    value: float | None
    n: int
    suppressed: bool = False

    @property
    def percent(self) -> float | None:
        """Return the value in percent (percentage points for a gain)."""
        return None if self.value is None else self.value * 100


def mean(values: Sequence[float]) -> Cell:
    """Return the mean of `values` with its count (value None when there are none)."""
    return Cell(sum(values) / len(values) if values else None, len(values))


def gain(pairs: Sequence[tuple[float, float]]) -> Cell:
    """Return the day's gain: the mean of (post - pre) over participants who took both tests.

    Only paired participants count, so people who missed the pre-test do not inflate the gain.
    """
    return Cell(sum(post - pre for pre, post in pairs) / len(pairs) if pairs else None, len(pairs))


def retention(pairs: Sequence[tuple[float, float]]) -> Cell:
    """Return retention: mean follow-up score / mean post-test score, over participants who
    took both the post-test and the follow-up test (pairs of (post, follow_up)).

    1.0 means everything known after the day is still known weeks later; 0.6 means 60 % of the
    post-test score is left. Undefined (None) when the post-test mean is 0.
    """
    if not pairs:
        return Cell(None, 0)
    post = sum(p for p, _f in pairs)
    follow_up = sum(f for _p, f in pairs)
    return Cell(follow_up / post if post else None, len(pairs))


def _primary(cell: Cell) -> Cell:
    """Hide a cell of fewer than MIN_CELL participants."""
    if 0 < cell.n < MIN_CELL:
        return Cell(None, cell.n, suppressed=True)
    return cell


@dataclass(frozen=True)
class PersonScores:
    """One participant's share right in each test taken (by quiz kind), and their kind."""

    kind: str
    scores: Mapping[str, float]


MEASURES = ("pre", "post", "follow_up", "gain", "retention")


def _figures(people: Sequence[PersonScores]) -> dict[str, Cell]:
    def taken(kind: str) -> list[float]:
        return [p.scores[kind] for p in people if kind in p.scores]

    def paired(a: str, b: str) -> list[tuple[float, float]]:
        return [(p.scores[a], p.scores[b]) for p in people if a in p.scores and b in p.scores]

    return {
        "pre": mean(taken(QuizKind.PRE)),
        "post": mean(taken(QuizKind.POST)),
        "follow_up": mean(taken(QuizKind.FOLLOW_UP)),
        "gain": gain(paired(QuizKind.PRE, QuizKind.POST)),
        "retention": retention(paired(QuizKind.POST, QuizKind.FOLLOW_UP)),
    }


@dataclass(frozen=True)
class KindRow:
    """One line of the table per kind of organisation (or the whole room, `kind == ""`)."""

    kind: str
    label: str
    participants: int
    hidden: bool
    cells: Mapping[str, Cell] = field(default_factory=dict)

    @property
    def pre(self) -> Cell:
        return self.cells["pre"]

    @property
    def post(self) -> Cell:
        return self.cells["post"]

    @property
    def follow_up(self) -> Cell:
        return self.cells["follow_up"]

    @property
    def gain(self) -> Cell:
        return self.cells["gain"]

    @property
    def retention(self) -> Cell:
        return self.cells["retention"]


def kind_table(
    people: Sequence[PersonScores], kinds: Sequence[tuple[str, str]], room_label: str = ""
) -> tuple[tuple[KindRow, ...], KindRow]:
    """Return a row per kind of organisation that has participants, and the room's row.

    Small cells are hidden: a kind with fewer than MIN_CELL participants is hidden whole, and
    any cell with fewer than MIN_CELL participants behind it is hidden. The room's cell of a
    column is hidden too when the hidden cells of that column together hold fewer than MIN_CELL
    participants: otherwise their mean could be worked out from the room's figure and the
    others (a secondary suppression that keeps the kinds side by side, which is the point).
    """
    rows: list[KindRow] = []
    for value, label in kinds:
        members = [p for p in people if p.kind == value]
        if not members:
            continue
        hidden = len(members) < MIN_CELL
        raw = _figures(members)
        cells = {
            m: Cell(None, raw[m].n, suppressed=raw[m].n > 0) if hidden else _primary(raw[m])
            for m in MEASURES
        }
        rows.append(KindRow(value, label, len(members), hidden, cells))
    room_cells = {m: _primary(c) for m, c in _figures(people).items()}
    for measure in MEASURES:
        behind_hidden = sum(r.cells[measure].n for r in rows if r.cells[measure].suppressed)
        if 0 < behind_hidden < MIN_CELL:
            room_cells[measure] = Cell(None, room_cells[measure].n, suppressed=True)
    room = KindRow("", room_label, len(people), len(people) < MIN_CELL, room_cells)
    return tuple(rows), room


@dataclass(frozen=True)
class QuestionRow:
    """One question's share right in each test (hidden under MIN_CELL answers)."""

    question: Question
    label: str
    cells: Mapping[str, Cell]

    @property
    def pre(self) -> Cell:
        return self.cells[QuizKind.PRE]

    @property
    def post(self) -> Cell:
        return self.cells[QuizKind.POST]

    @property
    def follow_up(self) -> Cell:
        return self.cells[QuizKind.FOLLOW_UP]


def question_table(
    bank: Bank, scores: Iterable[tuple[str, str, float]], language: str
) -> tuple[QuestionRow, ...]:
    """Return the share right per question and test from (quiz kind, question id, score)."""
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for quiz_kind, question, score in scores:
        found[(question, quiz_kind)].append(score)
    return tuple(
        QuestionRow(
            q,
            q.label(language),
            {k: _primary(mean(found.get((q.id, k), []))) for k in QUIZ_KINDS},
        )
        for q in bank.questions
    )


# ---------------------------------------------------------------------------------------------
# The evaluation form


@dataclass(frozen=True)
class FormSummary:
    """The evaluation forms of a session, aggregated; nothing is shown under MIN_CELL forms.

    Free texts are sorted, so their order says nothing about who wrote them when.
    """

    forms: int
    shown: bool
    usefulness: tuple[tuple[int, str, int], ...]  # (score, label, count)
    mean_usefulness: float | None
    commitments: tuple[tuple[Commitment, str, int], ...]  # (commitment, text, count)
    learnt: tuple[str, ...]
    comments: tuple[str, ...]


def form_summary(
    bank: Bank,
    forms: Sequence[tuple[int, Sequence[str], str, str]],
    language: str,
) -> FormSummary:
    """Aggregate (usefulness, commitment ids, learnt, comment) rows of the evaluation form."""
    shown = len(forms) >= MIN_CELL
    useful = Counter(u for u, _c, _l, _m in forms)
    committed: Counter[str] = Counter()
    for _u, ids, _l, _m in forms:
        committed.update(set(ids))
    return FormSummary(
        forms=len(forms),
        shown=shown,
        usefulness=tuple((n, str(label), useful[n]) for n, label in USEFULNESS),
        mean_usefulness=(sum(u for u, *_rest in forms) / len(forms)) if shown else None,
        commitments=tuple((c, c.text.get(language), committed[c.id]) for c in bank.commitments),
        learnt=tuple(sorted(t.strip() for _u, _c, t, _m in forms if t.strip())) if shown else (),
        comments=tuple(sorted(m.strip() for *_rest, m in forms if m.strip())) if shown else (),
    )


# ---------------------------------------------------------------------------------------------
# Reading a session


@dataclass(frozen=True)
class Report:
    """Everything the results page, the printed report and the CSV show for one session."""

    session: TrainingSession
    language: str
    questions: tuple[QuestionRow, ...]
    kinds: tuple[KindRow, ...]
    room: KindRow
    form: FormSummary
    taken: Mapping[str, int]  # participants who took each test


def _person_scores(
    session: TrainingSession,
) -> tuple[list[PersonScores], list[tuple[str, str, float]]]:
    per: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[int, str] = {}
    scores: list[tuple[str, str, float]] = []
    rows = QuizAnswer.objects.filter(quiz__session=session).values_list(
        "quiz__kind", "participant_id", "participant__kind", "question", "score"
    )
    for quiz_kind, participant, kind, question, score in rows:
        per[participant][quiz_kind].append(score)
        kinds[participant] = kind
        scores.append((quiz_kind, question, score))
    people = [
        PersonScores(kinds[p], {k: sum(v) / len(v) for k, v in tests.items()})
        for p, tests in sorted(per.items())
    ]
    return people, scores


def session_report(session: TrainingSession, bank: Bank, language: str) -> Report:
    """Read a session's answers and forms (three queries) and aggregate them.

    Call it with `language` active (translation.override) so that labels are in that language.
    """
    people, scores = _person_scores(session)
    kinds, room = kind_table(
        people,
        [(value, str(label)) for value, label in ParticipantKind.choices],
        _("All participants"),
    )
    forms = [
        (e.usefulness, list(e.commitments), e.learnt, e.comment)
        for e in Evaluation.objects.filter(session=session).only(
            "usefulness", "commitments", "learnt", "comment"
        )
    ]
    return Report(
        session=session,
        language=language,
        questions=question_table(bank, scores, language),
        kinds=kinds,
        room=room,
        form=form_summary(bank, forms, language),
        taken={k: sum(1 for p in people if k in p.scores) for k in QUIZ_KINDS},
    )


@dataclass(frozen=True)
class OwnScores:
    """One participant's own results: share right per test taken, gain and retention."""

    scores: Mapping[str, Cell]
    gain: Cell
    retention: Cell


def own_scores(participant: Participant) -> OwnScores:
    """Return the participant's own scores (shown to them alone, so nothing is suppressed)."""
    per: dict[str, list[float]] = defaultdict(list)
    rows = QuizAnswer.objects.filter(participant=participant).values_list("quiz__kind", "score")
    for quiz_kind, score in rows:
        per[quiz_kind].append(score)
    share = {k: sum(v) / len(v) for k, v in per.items()}
    pre, post, follow_up = (share.get(k) for k in QUIZ_KINDS)
    return OwnScores(
        scores={k: Cell(share[k], 1) for k in QUIZ_KINDS if k in share},
        gain=gain([(pre, post)] if pre is not None and post is not None else []),
        retention=retention(
            [(post, follow_up)] if post is not None and follow_up is not None else []
        ),
    )


# ---------------------------------------------------------------------------------------------
# CSV


def _number(cell: Cell) -> str:
    return "" if cell.percent is None else f"{cell.percent:.1f}"


def _note(cell: Cell) -> str:
    if cell.suppressed and cell.n >= MIN_CELL:
        return _("not shown")
    if cell.suppressed:
        return _("too few participants to show")
    return _("no answers") if cell.n == 0 else ""


def csv_report(report: Report) -> str:
    """Return the report as CSV: a header row, then one row per figure; no names, no codes.

    Labels are in the active language; numbers use a decimal point. A hidden cell has an empty
    value and participant count and says why in the last column.
    """
    out = io.StringIO()
    writer = csvsafe.writer(out)  # participants' words: no cell starts a formula
    writer.writerow(
        [_("Section"), _("Item"), _("Measure"), _("Value"), _("Participants"), _("Note")]
    )
    test_labels = quiz_labels()

    def cell_row(section: str, item: str, measure: str, cell: Cell) -> None:
        shown_n = "" if cell.suppressed else str(cell.n)
        writer.writerow([section, item, measure, _number(cell), shown_n, _note(cell)])

    section = _("Share right per question (%)")
    for row in report.questions:
        for kind in QUIZ_KINDS:
            cell_row(section, row.label, test_labels[kind], row.cells[kind])
    section = _("Test results per kind of organisation")
    measures = measure_labels()
    for kind_row in (*report.kinds, report.room):
        for measure in MEASURES:
            cell_row(section, kind_row.label, measures[measure], kind_row.cells[measure])
    form = report.form
    section = _("Evaluation form")
    writer.writerow([section, _("Forms received"), "", str(form.forms), "", ""])
    if not form.shown:
        writer.writerow([section, "", "", "", "", _("too few participants to show")])
        return out.getvalue()
    usefulness = _("Usefulness (1 to 5)")
    for _n, label, count in form.usefulness:
        writer.writerow([section, usefulness, label, str(count), str(form.forms), ""])
    mean_label = _("Mean usefulness")
    writer.writerow(
        [section, usefulness, mean_label, f"{form.mean_usefulness or 0:.2f}", str(form.forms), ""]
    )
    committed = _("Commitments to cooperation")
    for _c, text, count in form.commitments:
        writer.writerow([section, committed, text, str(count), str(form.forms), ""])
    for label, texts in ((_("What was learnt"), form.learnt), (_("Comments"), form.comments)):
        for text in texts:
            writer.writerow([section, label, "", text, "", ""])
    return out.getvalue()


def quiz_states(session: TrainingSession) -> list[dict[str, Any]]:
    """Return each test of the session, in order: its name, whether it is open, when it was last
    opened, and how many participants answered it (one query)."""
    quizzes = {
        q.kind: q
        for q in Quiz.objects.filter(session=session).annotate(
            answered=Count("answers__participant", distinct=True)
        )
    }
    labels = quiz_labels()
    return [
        {
            "kind": kind,
            "label": labels[kind],
            "open": kind in quizzes and quizzes[kind].open,
            "opened_at": quizzes[kind].opened_at if kind in quizzes else None,
            "answered": getattr(quizzes[kind], "answered", 0) if kind in quizzes else 0,
        }
        for kind in QUIZ_KINDS
    ]


def quiz_labels() -> dict[str, str]:
    """Return each test's name in the active language."""
    return {value: str(label) for value, label in QuizKind.choices}


def measure_labels() -> dict[str, str]:
    """Return each measure's name in the active language, with its unit."""
    return {
        "pre": _("Before the training (%)"),
        "post": _("After the training (%)"),
        "follow_up": _("Follow-up (%)"),
        "gain": _("Gain (percentage points)"),
        "retention": _("Retention: follow-up as a share of after (%)"),
    }
