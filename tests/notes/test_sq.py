"""Albanian: rules, negation pairs, and one reading with or without ë and ç."""

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

# (why, text with ë and ç, must suggest, must not suggest)
RULES = [
    ("beaten, aorist", "Pronari e rrahu disa herë.", {FORCE}, set()),
    ("beaten, imperfect stem", "E rrihte çdo ditë.", {FORCE}, set()),
    ("beaten, participle", "Është rrahur në apartament.", {FORCE}, set()),
    ("beaten as the penalty", "Nëse nuk sjell aq, e rreh me rrip.", {FORCE}, set()),
    ("threat", "Pronari e kërcënon se do ta vrasë.", {THREAT}, set()),
    ("threat of police", "I tha se do ta denonconte në polici.", {THREAT}, set()),
    ("forced", "E detyroi të prostituohet.", {COERCION, SEX}, set()),
    (
        "passport taken, definite accusative",
        "Pronari ia mori pasaportën.",
        {COERCION, DOCUMENTS},
        set(),
    ),
    ("locked", "E mbanin të mbyllur në një dhomë.", {COERCION}, set()),
    ("not allowed out: the negation is the sign", "Nuk e linte të dilte vetë.", {COERCION}, set()),
    (
        "offer then instead",
        "I ofroi punë në Sarandë. Në vend të kësaj e çoi në Durrës.",
        {RECRUITMENT, DECEPTION, TRANSPORT},
        set(),
    ),
    ("begging child", "Djalë 10 vjeç, lyp te semafori.", {BEGGING, CHILD}, set()),
    ("sold by the father", "Babai e shiti te një burrë për 2000 euro.", {TRANSFER, PAYMENT}, set()),
    ("age shorthand", "F, 16, nga Kukësi.", {CHILD}, set()),
    ("adult shorthand", "F, 24, nga Kukësi.", set(), {CHILD}),
    ("her children are not the person", "Fëmijët e saj janë në Tetovë.", set(), {CHILD}),
    ("work alone is not forced labour", "Punon në restorant, rroga e rregullt.", set(), {LABOUR}),
    (
        "work under a withheld passport",
        "Punon në fermë, pronari ia mori pasaportën.",
        {LABOUR},
        set(),
    ),
    (
        "the smuggler's car is transport only",
        "Kontrabandisti i kaloi kufirin me makinë.",
        {TRANSPORT},
        {COERCION, LABOUR},
    ),
    (
        "a centre's name is no sign",
        "Referuar në qendrën për viktimat e dhunës në familje.",
        set(),
        {FORCE},
    ),
    ("Friday is no promise", "Takim të premten.", set(), {DECEPTION}),
]


def _plain(text: str) -> str:
    return text.translate(str.maketrans("ëçËÇ", "ecEC"))


@pytest.mark.parametrize(("why", "text", "must", "must_not"), RULES, ids=[r[0] for r in RULES])
def test_albanian_rules_with_and_without_the_letters(
    why: str, text: str, must: set[str], must_not: set[str]
) -> None:
    facts = set(suggest(text, "sq").facts)
    assert must <= facts, (why, facts)
    assert not must_not & facts, (why, facts)
    assert set(suggest(_plain(text), "sq").facts) == facts, why


PAIRS = [
    ("E rrahu.", "Nuk e rrahu.", FORCE),
    ("E rrahu.", "S'e rrahu kurrë.", FORCE),
    ("E kërcënoi.", "Nuk e kërcënoi.", THREAT),
    ("Pronari ia mori pasaportën.", "Pronari nuk ia mori pasaportën.", DOCUMENTS),
    ("Ishte e mbyllur.", "Nuk ishte e mbyllur.", COERCION),
    ("E detyroi të prostituohet.", "Askush nuk e detyroi të prostituohet.", SEX),
    ("Ka mavijosje.", "Nuk ka mavijosje.", FORCE),
    ("E mbanin të mbyllur.", "Nuk ka shenja se e mbanin të mbyllur.", COERCION),
    ("Është mbyllur.", "Mohon se është rrahur apo mbyllur.", COERCION),
    ("Është rrahur.", "Mohon se është rrahur.", FORCE),
]


@pytest.mark.parametrize(("plain", "negated", "fact"), PAIRS, ids=[p[1] for p in PAIRS])
def test_albanian_negation_pairs(plain: str, negated: str, fact: str) -> None:
    assert fact in suggest(plain, "sq").facts
    result = suggest(negated, "sq")
    assert fact not in result.facts
    assert any(s.reason is Reason.NEGATED for s in result.suppressed)


CONTEXT = [
    ("hypothetical", "Nëse e rreh, të telefonojë linjën.", FORCE, Reason.HYPOTHETICAL),
    (
        "ne qofte se",
        "Në qoftë se ia merr pasaportën, të lajmërojë.",
        DOCUMENTS,
        Reason.HYPOTHETICAL,
    ),
    ("question", "A e ka rrahur pronari?", FORCE, Reason.QUESTION),
    ("ask whether", "Të pyetet nëse ia kanë marrë pasaportën.", DOCUMENTS, Reason.HYPOTHETICAL),
    ("someone else", "Shoqja e saj ishte rrahur.", FORCE, Reason.OTHER_PERSON),
    ("someone else, object first", "Motrën e saj e rrihte pronari.", FORCE, Reason.OTHER_PERSON),
]


@pytest.mark.parametrize(("why", "text", "fact", "reason"), CONTEXT, ids=[c[0] for c in CONTEXT])
def test_albanian_context(why: str, text: str, fact: str, reason: Reason) -> None:
    result = suggest(text, "sq")
    assert fact not in result.facts, why
    assert reason in {s.reason for s in result.suppressed}, why


def test_a_threat_after_if_is_a_threat() -> None:
    assert THREAT in suggest("nëse e denoncon, pronari do ta vrasë.", "sq").facts


def test_spans_keep_the_letters_the_worker_typed() -> None:
    text = "Pronari ia mori pasaportën dhe e rrahu."
    documents = next(s for s in suggest(text, "sq").suggestions if s.target.fact == DOCUMENTS)
    assert documents.span.text.endswith("pasaportën")


def test_auto_reads_an_albanian_note_as_albanian() -> None:
    result = suggest("Pronari ia mori pasaportën dhe e rrihte çdo ditë në fermë.", "auto")
    assert result.language == "sq"
    assert {FORCE, DOCUMENTS} <= set(result.facts)
