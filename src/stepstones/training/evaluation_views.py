"""The evaluation's pages: the trainer's tests and results, and the participants' tests and form.

Trainer pages use `access_session` (another organisation's trainer, or anyone else, gets 404);
phone pages use `current_participant` (404 until the browser has joined or rejoined). A phone
shows its participant's own scores and nobody else's: no URL takes a participant.
The printed report and the CSV are in the session's language.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from stepstones.errors import ActionError
from stepstones.training import evaluation_actions as actions
from stepstones.training.access import access_session, current_participant
from stepstones.training.evaluation import (
    QUIZ_KINDS,
    Report,
    csv_report,
    load_bank,
    own_scores,
    question_order,
    quiz_labels,
    quiz_states,
    session_report,
)
from stepstones.training.evaluation_charts import Series, bar_chart
from stepstones.training.evaluation_forms import EvaluationForm, QuizForm
from stepstones.training.model import interface_language
from stepstones.training.models import Evaluation, Participant, Quiz, QuizAnswer, TrainingSession
from stepstones.training.results import MIN_CELL

# ---------------------------------------------------------------------------------------------
# The trainer


def _charts(report: Report) -> dict[str, SafeString]:
    labels = quiz_labels()
    missing = _("not shown")
    rows = (*report.kinds, report.room)
    charts = {
        "kinds": bar_chart(
            chart_id="chart-kinds",
            title=_("Mean test score per kind of organisation"),
            categories=[row.label for row in rows],
            series=[
                Series(labels[kind], tuple(row.cells[kind].value for row in rows))
                for kind in QUIZ_KINDS
            ],
            maximum=1.0,
            scale=100,
            unit=" %",
            missing=missing,
        )
    }
    form = report.form
    if form.shown:
        charts["usefulness"] = bar_chart(
            chart_id="chart-usefulness",
            title=_("How useful the day was"),
            categories=[label for _n, label, _count in form.usefulness],
            series=[Series(_("Forms"), tuple(float(c) for *_rest, c in form.usefulness))],
            maximum=float(max((c for *_rest, c in form.usefulness), default=1) or 1),
            missing=missing,
        )
        charts["commitments"] = bar_chart(
            chart_id="chart-commitments",
            title=_("Commitments to cooperation"),
            categories=[text for _c, text, _count in form.commitments],
            series=[Series(_("Forms"), tuple(float(c) for *_rest, c in form.commitments))],
            maximum=float(form.forms),
            missing=missing,
        )
    # Our own SVG: every text in it is escaped by bar_chart.
    return {name: mark_safe(svg) for name, svg in charts.items()}  # noqa: S308  # nosec B308


def _report_context(session: TrainingSession) -> dict[str, Any]:
    report = session_report(session, load_bank(), session.language)
    return {
        "session": session,
        "report": report,
        "charts": _charts(report),
        "quiz_labels": quiz_labels(),
        "min_cell": MIN_CELL,
    }


@login_required
@never_cache
def results(request: HttpRequest, session_id: int) -> HttpResponse:
    """The trainer's evaluation page: open and close the tests, and what the day changed."""
    session = access_session(request.user, session_id)
    context = _report_context(session) | {"quizzes": quiz_states(session)}
    return render(request, "training/evaluation/results.html", context)


@login_required
@require_POST
def quiz_toggle(request: HttpRequest, session_id: int) -> HttpResponse:
    """Open or close one test of the session (opening one closes any other)."""
    session = access_session(request.user, session_id)
    kind = request.POST.get("kind", "")
    try:
        if request.POST.get("open") == "1":
            actions.open_quiz(session, kind)
        else:
            actions.close_quiz(session, kind)
    except ActionError as error:
        messages.error(request, error.message)
    page = "training:control" if request.POST.get("next") == "control" else None
    return redirect(page or "training:evaluation_results", session_id=session.pk)


@login_required
@never_cache
def report(request: HttpRequest, session_id: int) -> HttpResponse:
    """The printable report, in the session's language (print stylesheet)."""
    session = access_session(request.user, session_id)
    with translation.override(interface_language(session.language)):
        html = render_to_string(
            "training/evaluation/report.html", _report_context(session), request=request
        )
    return HttpResponse(html)


@login_required
@never_cache
def export_csv(request: HttpRequest, session_id: int) -> HttpResponse:
    """The report's figures as CSV, in the session's language: no names, no rejoin codes."""
    session = access_session(request.user, session_id)
    with translation.override(interface_language(session.language)):
        body = csv_report(session_report(session, load_bank(), session.language))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"evaluation-{session.day.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------------------------------------
# The phones


def _quiz_context(
    participant: Participant, form: QuizForm | None = None, error: str = ""
) -> dict[str, Any]:
    session = participant.session
    bank = load_bank()
    quiz = Quiz.objects.filter(session=session, open=True).first()
    if quiz is not None and form is None:
        previous = dict(
            QuizAnswer.objects.filter(quiz=quiz, participant=participant).values_list(
                "question", "choice"
            )
        )
        form = QuizForm(
            initial={"kind": quiz.kind} | previous,
            questions=question_order(bank, participant.rejoin_code, quiz.kind),
            language=session.language,
        )
        answered = bool(previous)
    else:
        answered = False
    mine = own_scores(participant)
    labels = quiz_labels()
    return {
        "participant": participant,
        "session": session,
        "quiz": quiz,
        "quiz_label": labels[quiz.kind] if quiz is not None else "",
        "form": form if quiz is not None else None,
        "answered": answered,
        "error": error,
        "scores": [(labels[k], mine.scores.get(k)) for k in QUIZ_KINDS],
        "mine": mine,
        "evaluated": Evaluation.objects.filter(participant=participant).exists(),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def quiz_room(request: HttpRequest) -> HttpResponse:
    """A phone's tests: the open test (all questions on one page) and the participant's own
    scores. Works without JavaScript."""
    participant = current_participant(request)
    if request.method != "POST":
        return render(request, "training/evaluation/quiz.html", _quiz_context(participant))
    kind = request.POST.get("kind", "")
    session = participant.session
    quiz = Quiz.objects.filter(session=session, kind=kind, open=True).first()
    if quiz is None:
        # Closed (or never opened) while the page was on the phone: nothing is stored.
        context = _quiz_context(participant, error=actions.closed().message)
        return render(request, "training/evaluation/quiz.html", context, status=409)
    form = QuizForm(
        request.POST,
        questions=question_order(load_bank(), participant.rejoin_code, kind),
        language=session.language,
    )
    if form.is_valid():
        try:
            actions.submit_answers(participant, kind, form.answers())
        except ActionError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                context = _quiz_context(participant, error=error.message)
                return render(request, "training/evaluation/quiz.html", context, status=409)
        else:
            messages.success(request, _("Your answers are saved. Thank you."))
            return redirect("training:quiz_room")
    context = _quiz_context(participant, form=form)
    return render(request, "training/evaluation/quiz.html", context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def evaluation_form(request: HttpRequest) -> HttpResponse:
    """A phone's evaluation form: usefulness, what was learnt, commitments, a comment."""
    participant = current_participant(request)
    language = participant.session.language
    bank = load_bank()
    mine = Evaluation.objects.filter(participant=participant).first()
    initial = (
        {
            "usefulness": mine.usefulness,
            "learnt": mine.learnt,
            "commitments": mine.commitments,
            "comment": mine.comment,
        }
        if mine is not None
        else {}
    )
    form = EvaluationForm(request.POST or None, initial=initial, bank=bank, language=language)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.submit_evaluation(
                    participant,
                    usefulness=data["usefulness"],
                    learnt=data["learnt"],
                    commitments=data["commitments"],
                    comment=data["comment"],
                    bank=bank,
                )
            except ActionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Thank you for your evaluation."))
                return redirect("training:quiz_room")
        status = 400
    context = {"participant": participant, "session": participant.session, "form": form}
    return render(request, "training/evaluation/form.html", context, status=status)
