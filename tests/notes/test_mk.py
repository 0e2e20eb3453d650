"""Macedonian: a table of rules (what a sentence must and must not suggest) and negation pairs."""

from __future__ import annotations

import pytest

from stepstones.notes import Reason, suggest

FORCE = "elements.means.use_of_force"
THREAT = "elements.means.threat"
COERCION = "elements.means.other_coercion"
DECEPTION = "elements.means.deception"
DOCUMENTS = "indicators.documents_confiscated"
SEX = "elements.purposes.sexual_exploitation"
LABOUR = "elements.purposes.forced_labour"
BEGGING = "elements.purposes.forced_begging"
RECRUITMENT = "elements.acts.recruitment"
TRANSPORT = "elements.acts.transportation"
TRANSFER = "elements.acts.transfer"
PAYMENT = "elements.means.payments_to_controller"
CHILD = "child"

# (why, text, must suggest, must not suggest)
RULES = [
    ("beaten, l-form", "Газдата ја тепал секој ден.", {FORCE}, set()),
    ("beaten, participle", "Била тепана во станот.", {FORCE}, set()),
    ("bruises", "Модринки на грбот.", {FORCE}, set()),
    ("threat", "Газдата се заканува дека ке ја убие.", {THREAT}, set()),
    ("threat typed with ке", "ке ја пријави во полиција ако збори", {THREAT}, set()),
    ("forced", "Ја натерале да се проституира.", {COERCION, SEX}, set()),
    ("passport taken", "Газдата ѝ го зеде пасошот.", {COERCION, DOCUMENTS}, set()),
    ("passport kept, definite plural", "Работодавачот им ги чува пасошите.", {DOCUMENTS}, set()),
    ("locked", "Ја држеле заклучена во соба.", {COERCION}, set()),
    ("not allowed out: the negation is the sign", "Не смее да излегува сама.", {COERCION}, set()),
    (
        "promise then instead",
        "Ѝ понудил работа во Охрид. Наместо тоа ја однел во мотел.",
        {RECRUITMENT, DECEPTION, TRANSPORT},
        set(),
    ),
    ("begging child", "Дете 11 год, проси на семафор.", {BEGGING, CHILD}, set()),
    ("sold by father", "Таткото го продал за 2000 евра.", {TRANSFER, PAYMENT}, set()),
    ("age shorthand", "Ж, 16, од Куманово.", {CHILD}, set()),
    ("adult shorthand", "Ж, 24, од Куманово.", set(), {CHILD}),
    ("her children are not the person", "Има две деца во Тетово.", set(), {CHILD}),
    ("work alone is not forced labour", "Работи во ресторан, плата редовна.", set(), {LABOUR}),
    ("work under withheld passport", "Работи на нива, газдата му го зел пасошот.", {LABOUR}, set()),
    (
        "the smuggler's car is transport, not exploitation",
        "Шверцерот ги префрлил преку граница со кола.",
        {TRANSPORT},
        {COERCION, LABOUR},
    ),
    (
        "a shelter's name is no sign",
        "Упатена во центар за жртви на трговија.",
        set(),
        {SEX, LABOUR, COERCION},
    ),
]


@pytest.mark.parametrize(("why", "text", "must", "must_not"), RULES, ids=[r[0] for r in RULES])
def test_macedonian_rules(why: str, text: str, must: set[str], must_not: set[str]) -> None:
    facts = set(suggest(text, "mk").facts)
    assert must <= facts, (why, facts)
    assert not must_not & facts, (why, facts)


# (the sentence, the same with a negation, what the first suggests and the second must not)
PAIRS = [
    ("Ја тепал.", "Не ја тепал.", FORCE),
    ("Ја тепал.", "Никогаш не ја тепал.", FORCE),
    ("Ѝ се заканувал.", "Не ѝ се заканувал.", THREAT),
    ("Газдата ѝ го зеде пасошот.", "Газдата не ѝ го зеде пасошот.", DOCUMENTS),
    ("Била заклучена.", "Не била заклучена.", COERCION),
    ("Ја натерале да се проституира.", "Никој не ја натерал да се проституира.", SEX),
    ("Има модринки.", "Нема модринки.", FORCE),
    ("Ја држеле заклучена.", "Нема знаци дека ја држеле заклучена.", COERCION),
    ("Била тепана.", "Тепањето е негирано. Била тепана е негирано.", FORCE),
    ("Ја тепале и ја заклучиле.", "Ја тепале без да ја заклучат.", COERCION),
]


@pytest.mark.parametrize(("plain", "negated", "fact"), PAIRS, ids=[p[1] for p in PAIRS])
def test_macedonian_negation_pairs(plain: str, negated: str, fact: str) -> None:
    assert fact in suggest(plain, "mk").facts
    result = suggest(negated, "mk")
    assert fact not in result.facts
    assert any(s.reason is Reason.NEGATED for s in result.suppressed)


CONTEXT = [
    ("hypothetical", "Ако ја тепа, да се јави на линијата.", FORCE, Reason.HYPOTHETICAL),
    ("doklku", "Доколку ѝ го земе пасошот, да пријави.", DOCUMENTS, Reason.HYPOTHETICAL),
    ("question", "Дали ја тепал газдата?", FORCE, Reason.QUESTION),
    ("ask whether", "Да се праша дали ѝ го зеле пасошот.", DOCUMENTS, Reason.HYPOTHETICAL),
    ("someone else", "Нејзината другарка била тепана.", FORCE, Reason.OTHER_PERSON),
    (
        "someone else, clitic",
        "Сестра ѝ била заклучена во Германија.",
        COERCION,
        Reason.OTHER_PERSON,
    ),
]


@pytest.mark.parametrize(("why", "text", "fact", "reason"), CONTEXT, ids=[c[0] for c in CONTEXT])
def test_macedonian_context(why: str, text: str, fact: str, reason: Reason) -> None:
    result = suggest(text, "mk")
    assert fact not in result.facts, why
    assert reason in {s.reason for s in result.suppressed}, why


def test_a_threat_after_if_is_a_threat() -> None:
    # "if she reports him, the boss will kill her": the consequence is what was said to her.
    assert THREAT in suggest("ако ја пријави, газдата ке ја убие.", "mk").facts
