"""Serbian: rules, negation pairs, one reading for Latin, Cyrillic and Latin without č ć š ž đ."""

from __future__ import annotations

import re

import pytest

from stepstones.notes import Reason, suggest
from stepstones.recruitment.script import latin_to_serbian_cyrillic

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

# (why, text in Latin with diacritics, must suggest, must not suggest)
RULES = [
    ("beaten, masculine", "Gazda ju je tukao svaki dan.", {FORCE}, set()),
    ("beaten, present", "Ako ne donese dovoljno, tuče ga.", {FORCE}, set()),
    ("beaten, participle", "Bila je pretučena u stanu.", {FORCE}, set()),
    ("bruises", "Modrice na leđima.", {FORCE}, set()),
    ("threat", "Gazda mu preti da će ga ubiti.", {THREAT}, set()),
    ("threat of police", "Rekao je da će ga prijaviti policiji.", {THREAT}, set()),
    ("forced", "Naterao ju je da se prostituiše.", {COERCION, SEX}, set()),
    ("passport taken", "Gazda mu je uzeo pasoš.", {COERCION, DOCUMENTS}, set()),
    ("passport kept, instrumental case elsewhere", "Pasoš je kod gazde.", {DOCUMENTS}, set()),
    ("locked", "Držali su je zaključanu u sobi.", {COERCION}, set()),
    ("not allowed out: the negation is the sign", "Nije smela sama da izlazi.", {COERCION}, set()),
    (
        "offer then instead",
        "Ponudio joj posao u Budvi. Umesto toga odveo je u Beograd.",
        {RECRUITMENT, DECEPTION, TRANSPORT},
        set(),
    ),
    ("begging child", "Dečak 10 god, prosi kod semafora.", {BEGGING, CHILD}, set()),
    (
        "sold by the uncle, clitic first",
        "Kaže da ju je stric prodao čoveku za 1000 evra.",
        {TRANSFER, PAYMENT},
        set(),
    ),
    ("age shorthand", "Ž, 16, iz Niša.", {CHILD}, set()),
    ("adult shorthand", "Ž, 24, iz Niša.", set(), {CHILD}),
    ("her children are not the person", "Ima dvoje dece u Nišu.", set(), {CHILD}),
    ("work alone is not forced labour", "Radi u restoranu, plata redovna.", set(), {LABOUR}),
    ("work under a withheld passport", "Radi na njivi, gazda mu je uzeo pasoš.", {LABOUR}, set()),
    (
        "the smuggler's car is transport only",
        "Krijumčar ih je prebacio preko granice kolima.",
        {TRANSPORT},
        {COERCION, LABOUR},
    ),
    (
        "a shelter's name is no sign",
        "Upućena u sigurnu kuću za žrtve porodičnog nasilja.",
        set(),
        {FORCE, SEX},
    ),
    ("sitting in a car is no journey", "Čovek sedi u kolima kod kioska.", set(), {TRANSPORT}),
]


def _plain(text: str) -> str:
    return text.translate(str.maketrans("čćšžđČĆŠŽĐ", "ccszdCCSZD"))


@pytest.mark.parametrize(("why", "text", "must", "must_not"), RULES, ids=[r[0] for r in RULES])
def test_serbian_rules_read_the_same_in_every_spelling(
    why: str, text: str, must: set[str], must_not: set[str]
) -> None:
    readings = [text, latin_to_serbian_cyrillic(text), _plain(text)]
    facts = [set(suggest(t, "sr").facts) for t in readings]
    assert must <= facts[0], (why, facts[0])
    assert not must_not & facts[0], (why, facts[0])
    assert facts[1] == facts[0] == facts[2], why


def test_spans_of_a_cyrillic_note_are_in_cyrillic() -> None:
    text = "Газда му је узео пасош. Тукао га је."
    result = suggest(text, "sr")
    force = next(s for s in result.suggestions if s.target.fact == FORCE)
    assert force.span.text == "Тукао"
    assert text[force.span.sentence_start : force.span.sentence_end] == force.span.sentence


def test_spans_stay_right_after_a_letter_that_folds_to_two() -> None:
    text = "Љубица, 19. Њен газда јој је узео пасош и тукао је."
    result = suggest(text, "sr")
    for suggestion in result.suggestions:
        for evidence in suggestion.evidence:
            assert text[evidence.span.start : evidence.span.end] == evidence.span.text
    force = next(s for s in result.suggestions if s.target.fact == FORCE)
    assert force.span.text == "тукао"


PAIRS = [
    ("Tukao ju je.", "Nije je tukao.", FORCE),
    ("Tukao ju je.", "Nikad je nije tukao.", FORCE),
    ("Pretio joj je.", "Nije joj pretio.", THREAT),
    ("Gazda mu je uzeo pasoš.", "Gazda mu nije uzeo pasoš.", DOCUMENTS),
    ("Bila je zaključana.", "Nije bila zaključana.", COERCION),
    ("Naterao ju je da se prostituiše.", "Niko je nije naterao da se prostituiše.", SEX),
    ("Ima modrice.", "Nema modrica.", FORCE),
    ("Držali su je zaključanu.", "Nema znakova da su je držali zaključanu.", COERCION),
    ("Radila je bez plate i bila je tučena.", "Radila je bez plate i nije bila tučena.", FORCE),
    ("Жена је била тучена.", "Жена негира да је била тучена.", FORCE),
]


@pytest.mark.parametrize(("plain", "negated", "fact"), PAIRS, ids=[p[1] for p in PAIRS])
def test_serbian_negation_pairs(plain: str, negated: str, fact: str) -> None:
    assert fact in suggest(plain, "sr").facts
    result = suggest(negated, "sr")
    assert fact not in result.facts
    assert any(s.reason is Reason.NEGATED for s in result.suppressed)


CONTEXT = [
    ("hypothetical", "Ako je tuče, da se javi na liniju.", FORCE, Reason.HYPOTHETICAL),
    ("ukoliko", "Ukoliko joj uzme pasoš, da prijavi.", DOCUMENTS, Reason.HYPOTHETICAL),
    ("question", "Da li ju je gazda tukao?", FORCE, Reason.QUESTION),
    ("ask whether", "Pitati da li su joj uzeli pasoš.", DOCUMENTS, Reason.HYPOTHETICAL),
    ("someone else", "Njena drugarica je bila tučena.", FORCE, Reason.OTHER_PERSON),
    (
        "someone else, clitic",
        "Sestra joj je bila zaključana u Nemačkoj.",
        COERCION,
        Reason.OTHER_PERSON,
    ),
]


@pytest.mark.parametrize(("why", "text", "fact", "reason"), CONTEXT, ids=[c[0] for c in CONTEXT])
def test_serbian_context(why: str, text: str, fact: str, reason: Reason) -> None:
    for spelling in (text, latin_to_serbian_cyrillic(text)):
        result = suggest(spelling, "sr")
        assert fact not in result.facts, why
        assert reason in {s.reason for s in result.suppressed}, why


def test_a_threat_after_if_is_a_threat() -> None:
    assert THREAT in suggest("ako ga prijavi, gazda će je ubiti.", "sr").facts


def test_auto_reads_both_scripts_as_serbian() -> None:
    latin = "Gazda mu je uzeo pasoš i tukao ga je svaki dan na gradilištu."
    for text in (latin, latin_to_serbian_cyrillic(latin)):
        result = suggest(text, "auto")
        assert result.language == "sr"
        assert {FORCE, DOCUMENTS} <= set(result.facts)


def test_a_negation_cue_is_shown_as_the_worker_typed_it() -> None:
    result = suggest("Газда га није тукао.", "sr")
    assert FORCE not in result.facts
    assert {s.cue for s in result.suppressed} == {"није"}


def _development_notes() -> list[str]:
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "eval" / "data" / "notes" / "sr.yaml"
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]
    return [note["text"] for note in notes if not re.search("[\u0400-\u04ff]", note["text"])]


@pytest.mark.parametrize("text", _development_notes())
def test_every_latin_development_note_reads_the_same_in_cyrillic(text: str) -> None:
    latin, cyrillic = suggest(text, "sr"), suggest(latin_to_serbian_cyrillic(text), "sr")
    assert latin.facts == cyrillic.facts
    for result in (latin, cyrillic):
        for found in result.suggestions:
            for evidence in found.evidence:
                span = evidence.span
                assert result.text[span.start : span.end] == span.text
