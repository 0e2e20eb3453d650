"""What to ask next: the unanswered questions whose answer could change the assessment."""

from __future__ import annotations

from .entries import STAGE_ORDER, AgeGroup, Weight
from .facts import Answer
from .outcome import OUTCOME_LABELS, Flag
from .result import AskNext, Findings
from .rules import RuleInput, apply_rules, rule_input
from .tables import Tables, tables_for
from .text import N_, Msg, msg

__all__ = ["ask_next"]

_WEIGHTS = (Weight.STRONG, Weight.MEDIUM, Weight.WEAK)


def _with_yes(x: RuleInput, fact: str) -> RuleInput | None:
    head, _, rest = fact.partition(".")
    if head == "indicators":
        return x._replace(indicators=x.indicators | {rest})
    if head == "triggers":
        return x._replace(triggers=x.triggers | {rest})
    if head == "smuggling":
        return x._replace(
            smuggling_yes=x.smuggling_yes | {rest}, smuggling_no=x.smuggling_no - {rest}
        )
    if head == "elements":
        kind, _, eid = rest.partition(".")
        return x._replace(**{kind: getattr(x, kind) | {eid}})
    if fact == "may_be_child":
        return x._replace(may_be_child=Answer.YES)
    return None  # route questions change flags only through the border; asked, not simulated


_CHILD_SIGNS = frozenset({"may_be_child", "triggers.child_controlled_by_non_relative"})


def _answered_already(a: Findings, t: Tables) -> frozenset[str]:
    """Return the questions (fact paths) whose answer follows from the facts recorded.

    A stated adult age (or adult band) answers the questions about children. Whether the person
    may be under 18 is still asked when the facts give a reason to doubt the age: papers
    provided by the people who organised the journey may be false (CETS 197 Art. 10(3) presumes
    a child where there are reasons to believe it). A trigger that fired through an indicator
    describing the same pattern (its `also_from`), and an indicator whose trigger was answered
    yes, are answered in the other form already.
    """
    facts = a.facts
    answered: set[str] = set()
    if a.age_group is AgeGroup.ADULT and not a.child_presumed:
        answered |= t.child_only_questions
        if "false_documents_provided" not in facts.smuggling_yes:
            answered.add("may_be_child")
    for iid in facts.indicators_yes:
        answered.update(f"triggers.{tid}" for tid in t.trigger_also.get(iid, ()))
    for iid, twins in t.trigger_also.items():
        if not facts.triggers_yes.isdisjoint(twins):
            answered.add(f"indicators.{iid}")
    return frozenset(answered)


def ask_next(a: Findings) -> tuple[AskNext, ...]:
    """Return the unanswered questions that could change `a`, most decisive first.

    A question whose answer follows from the facts already recorded is not asked.
    """
    t = tables_for(a.catalogue)
    answered = _answered_already(a, t)
    base = rule_input(a.facts)
    rank = a.outcome.rank
    have = a.element_ids()
    have_kinds = {e.kind for e in a.elements}
    on_journey = bool(a.facts.smuggling_yes or a.facts.triggers_yes) or (
        a.facts.route.irregular_crossing is Answer.YES
    )
    candidates: list[tuple[tuple[int, ...], AskNext]] = []
    stated_adult = a.facts.age is not None and a.facts.age >= 18
    for position, question in enumerate(a.catalogue.questions()):
        if question.fact in answered or a.facts.answer(question.fact) is not Answer.UNKNOWN:
            continue
        x = _with_yes(base, question.fact)
        if x is None:
            continue
        core = apply_rules(t, x)
        gained = tuple(
            sorted(core.flags - a.flags - {Flag.INTERNAL, Flag.INTERCEPTED_BEFORE_DEPARTURE})
        )
        new_kinds = {t.kind_of[e] for e in core.evidence} - have_kinds
        new_elements = set(core.evidence) - have
        raise_by = core.outcome.rank - rank
        if raise_by > 0:
            reason = msg(
                N_("Answering yes would change the outcome to: %(outcome)s."),
                outcome=Msg(OUTCOME_LABELS[core.outcome]),
            )
        elif Flag.CHILD in gained:
            reason = Msg(N_("Answering yes would mean treating the person as a child."))
        elif gained:
            reason = Msg(N_("Answering yes would show smuggling that turned into trafficking."))
        elif new_kinds:
            reason = Msg(N_("Answering yes would add a missing element of trafficking."))
        else:
            continue
        # How telling a yes would be: strong indicators and, on a journey, triggers first.
        head, _, rest = question.fact.partition(".")
        ind = a.catalogue.indicators.get(rest) if head == "indicators" else None
        if ind is not None and ind.weights:
            weight = min(_WEIGHTS.index(ind.weights[p].weight) for p in a.profiles)
        elif head == "triggers" or question.fact == "may_be_child":
            weight = 0
        else:
            weight = 1
        # Journey questions matter less when nothing suggests a smuggled journey, and signs of a
        # child matter less when an adult age is stated (they are still asked: CETS Art. 10(3)).
        off_context = (not on_journey and head in ("triggers", "smuggling")) or (
            stated_adult and question.fact in _CHILD_SIGNS
        )
        key = (
            -max(raise_by, 0),
            -core.outcome.rank,
            int(off_context),
            -len(gained),
            weight,
            -len(new_kinds),
            -len(new_elements),
            STAGE_ORDER[question.stage],
            position,
        )
        candidates.append((key, AskNext(question, core.outcome, gained, reason)))
    candidates.sort(key=lambda item: item[0])
    return tuple(item for _, item in candidates)
