"""The notes assistant on hand-written notes: what it suggests, and what it refuses to."""

from __future__ import annotations

import pytest

from stepstones.notes import (
    DEFAULT_MIN_CONFIDENCE,
    LexiconError,
    Reason,
    Suggestions,
    load_lexicon,
    split_sentences,
    suggest,
)


def facts(text: str) -> set[str]:
    return set(suggest(text).facts)


POSITIVE = [
    ("recruited", "The trafficker recruited her in Bitola.", "elements.acts.recruitment"),
    ("drove", "He drove them across the border at night.", "elements.acts.transportation"),
    ("harboured", "They were harboured in a flat in Gostivar.", "elements.acts.harbouring"),
    ("sold", "The man sold her to a bar owner.", "elements.acts.transfer"),
    ("threat", "The employer threatened to hurt her family.", "elements.means.threat"),
    ("beaten", "She was beaten when she refused.", "elements.means.use_of_force"),
    ("passport", "The boss took their passports on arrival.", "elements.means.other_coercion"),
    ("locked", "They were locked in the house at night.", "elements.means.other_coercion"),
    ("debt", "He had to work off a debt of 3,000 euros.", "elements.means.other_coercion"),
    ("kidnapped", "She was kidnapped outside the school.", "elements.means.abduction"),
    ("forged", "They travelled on forged passports.", "elements.means.fraud"),
    ("deceived", "She was deceived about the job.", "elements.means.deception"),
    (
        "vulnerable",
        "He knew she was vulnerable and alone.",
        "elements.means.abuse_of_vulnerability",
    ),
    (
        "parents paid",
        "The man paid her parents 500 euros.",
        "elements.means.payments_to_controller",
    ),
    (
        "prostitution",
        "She was made to work in prostitution.",
        "elements.purposes.sexual_exploitation",
    ),
    ("forced labour", "He was forced to work on a farm.", "elements.purposes.forced_labour"),
    ("servitude", "She lived in domestic servitude for two years.", "elements.purposes.servitude"),
    ("slave", "They were treated like slaves.", "elements.purposes.slavery"),
    (
        "begging",
        "The children were sent begging at the market.",
        "elements.purposes.forced_begging",
    ),
    (
        "marriage",
        "She was forced to marry a man she did not know.",
        "elements.purposes.forced_marriage",
    ),
    ("kidney", "They removed his kidney in a private clinic.", "elements.purposes.organ_removal"),
    ("crime", "He was forced to sell drugs for the gang.", "elements.purposes.forced_criminality"),
    ("age", "A 15-year-old girl was found at the motel.", "child"),
    ("minor", "The victim was a minor at the time.", "child"),
    ("aged", "The boy, aged 16, worked at the car wash.", "child"),
    ("she was", "She was 9 years old when they took her.", "child"),
    ("young girl", "They brought a young girl from the village.", "child"),
    ("the girl", "He started a relationship with the girl.", "child"),
    ("shorthand (F, 17)", "Met A. (F, 17) at the transit centre.", "child"),
    ("shorthand y.o.", "Boy, 15 y.o., travelling alone.", "child"),
    ("offered her work", "A man offered her work in a café.", "elements.acts.recruitment"),
]


@pytest.mark.parametrize(
    ("text", "fact"), [(t, f) for _, t, f in POSITIVE], ids=[i for i, _, _ in POSITIVE]
)
def test_it_suggests_what_the_notes_show(text: str, fact: str) -> None:
    assert fact in facts(text)


NOT_COUNTED = [
    ("not", "She was not threatened by anyone.", "elements.means.threat", Reason.NEGATED),
    ("never", "He was never beaten.", "elements.means.use_of_force", Reason.NEGATED),
    (
        "denied",
        "She denied being forced to do anything.",
        "elements.means.other_coercion",
        Reason.NEGATED,
    ),
    ("no sign of", "There was no sign of violence.", "elements.means.use_of_force", Reason.NEGATED),
    ("did not", "The employer did not threaten him.", "elements.means.threat", Reason.NEGATED),
    (
        "without",
        "They travelled without threats or violence.",
        "elements.means.threat",
        Reason.NEGATED,
    ),
    ("after", "Threats were denied by both of them.", "elements.means.threat", Reason.NEGATED),
    ("if", "Ask whether she was beaten.", "elements.means.use_of_force", Reason.HYPOTHETICAL),
    (
        "if clause",
        "If she is threatened, call the police.",
        "elements.means.threat",
        Reason.HYPOTHETICAL,
    ),
    ("question", "Was she threatened?", "elements.means.threat", Reason.QUESTION),
    ("her children", "Her children live with her mother.", "child", Reason.OTHER_PERSON),
    ("old defendant", "The 17-year-old defendant drove the car.", "child", Reason.OTHER_PERSON),
    (
        "inside a denied phrase",
        "She denied being forced to have sex with customers.",
        "elements.purposes.sexual_exploitation",
        Reason.NEGATED,
    ),
]


@pytest.mark.parametrize(
    ("text", "fact", "reason"),
    [(t, f, r) for _, t, f, r in NOT_COUNTED],
    ids=[i for i, *_ in NOT_COUNTED],
)
def test_it_respects_negation_hypotheticals_and_who_it_is_about(
    text: str, fact: str, reason: Reason
) -> None:
    result = suggest(text)
    assert fact not in result.facts
    assert any(s.target.fact == fact and s.reason is reason for s in result.suppressed)


COUNTED = [
    (
        "and breaks the negation",
        "He was not paid and was beaten every week.",
        "elements.means.use_of_force",
    ),
    ("consequence of an if", "If she left, he would beat her.", "elements.means.use_of_force"),
    ("pseudo-negation", "He not only threatened her but also beat her.", "elements.means.threat"),
    ("later sentence", "She was not hurt. Later he threatened her.", "elements.means.threat"),
    (
        "negation is the cue",
        "She was not allowed to leave the flat.",
        "elements.means.other_coercion",
    ),
    ("never paid", "They were never paid for their work.", "elements.purposes.forced_labour"),
    ("No. is not no", "He was the No.1 pimp in the area.", "elements.purposes.sexual_exploitation"),
    (
        "so ends a clause",
        "She had no money, so she slept on the floor.",
        "elements.acts.harbouring",
    ),
]


@pytest.mark.parametrize(
    ("text", "fact"), [(t, f) for _, t, f in COUNTED], ids=[i for i, *_ in COUNTED]
)
def test_it_does_not_over_reach_with_negation(text: str, fact: str) -> None:
    assert fact in facts(text)


def test_it_gives_spans_that_point_into_the_notes() -> None:
    text = "Intro line.\nThe trafficker recruited her in Bitola. She was not threatened."
    result = suggest(text)
    assert result.suggestions
    for suggestion in result.suggestions:
        for evidence in suggestion.evidence:
            span = evidence.span
            assert text[span.start : span.end] == span.text
            assert text[span.sentence_start : span.sentence_end] == span.sentence
            assert span.sentence_start <= span.start < span.end <= span.sentence_end
    for item in result.suppressed:
        assert text[item.span.start : item.span.end] == item.span.text


def test_it_combines_independent_cues_with_noisy_or() -> None:
    one = suggest("He took her passport.", min_confidence=0).suggestions
    two = suggest("He took her passport. She was locked in.", min_confidence=0).suggestions
    [first] = [s for s in one if s.fact == "elements.means.other_coercion"]
    [both] = [s for s in two if s.fact == "elements.means.other_coercion"]
    assert first.confidence == pytest.approx(0.75)
    assert both.confidence == pytest.approx(1 - 0.25 * 0.25, abs=1e-3)


def test_it_counts_a_repeated_cue_once() -> None:
    once = suggest("He threatened her.").suggestions[0].confidence
    many = suggest("He threatened her. He threatened her. He threatened her.").suggestions
    assert many[0].confidence == once
    assert len(many[0].evidence) == 1


def test_it_leaves_out_weak_suggestions_unless_asked() -> None:
    text = "She was afraid of him."  # fear alone: a weak sign of coercion
    assert "elements.means.other_coercion" not in facts(text)
    everything = suggest(text, min_confidence=0)
    weak = [s for s in everything.suggestions if s.fact == "elements.means.other_coercion"]
    assert weak and all(s.confidence < DEFAULT_MIN_CONFIDENCE for s in weak)
    assert DEFAULT_MIN_CONFIDENCE == 0.5


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("She worked as a waitress in a restaurant.", False),
        ("He works on a building site in Graz.", False),
        ("She worked as a waitress in a restaurant; the boss took her passport.", True),
        ("He works on a building site, 14 hours a day, for no pay.", True),
    ],
)
def test_work_words_suggest_forced_labour_only_beside_a_sign_of_exploitation(
    text: str, counted: bool
) -> None:
    found = suggest(text, min_confidence=0).facts
    assert ("elements.purposes.forced_labour" in found) is counted


def test_it_orders_suggestions_most_confident_first() -> None:
    result = suggest("He recruited her, drove her to Ohrid and took her passport. She was 16.")
    confidences = [s.confidence for s in result.suggestions]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 < c <= 0.99 for c in confidences)


def test_it_suggests_nothing_for_notes_without_signs() -> None:
    result = suggest("We met at the centre. She is looking for a course in Skopje.")
    assert result.suggestions == ()


def test_it_refuses_an_unknown_language() -> None:
    with pytest.raises(LexiconError, match="no lexicon for 'xx'"):
        suggest("text", "xx")


def test_it_returns_the_text_language_and_lexicon_version() -> None:
    result = suggest("He threatened her.")
    assert isinstance(result, Suggestions)
    assert result.language == "en"
    assert result.lexicon_version == load_lexicon("en").version


SENTENCES = [
    ("period", "One. Two.", ["One.", "Two."]),
    (
        "abbreviation",
        "Mr. Smith met her in the U.S. in May. Left.",
        ["Mr. Smith met her in the U.S. in May.", "Left."],
    ),
    ("bullets", "- beaten\n- passport taken", ["- beaten", "- passport taken"]),
    ("wrapped line", "she was\nbeaten later", ["she was\nbeaten later"]),
    ("initials", "J. C. was there. Then.", ["J. C. was there.", "Then."]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in SENTENCES], ids=[i for i, *_ in SENTENCES]
)
def test_it_splits_sentences_keeping_offsets(text: str, expected: list[str]) -> None:
    spans = split_sentences(text, load_lexicon("en").abbreviations)
    assert [text[s:e] for s, e in spans] == expected


def test_it_does_not_take_the_defendants_situation_for_the_persons() -> None:
    result = suggest("The defendant, an undocumented woman, ran the massage parlour.")
    assert "elements.means.abuse_of_vulnerability" not in result.facts
    assert "elements.means.abuse_of_vulnerability" in facts("The women were undocumented.")


def test_a_child_implies_abuse_of_vulnerability_at_lower_confidence() -> None:
    result = suggest("The girl was 15 when he recruited her.")
    by_fact = {s.fact: s for s in result.suggestions}
    child = by_fact["child"]
    implied = by_fact["elements.means.abuse_of_vulnerability"]
    assert implied.confidence < child.confidence
    assert implied.evidence[0].rule == "implied-by.child"
    assert implied.span == child.span


def test_a_suppressed_child_implies_nothing() -> None:
    result = suggest("She lives with her children in Veles.")
    assert "child" not in result.facts
    assert "elements.means.abuse_of_vulnerability" not in result.facts


def test_an_adult_age_in_shorthand_is_not_a_child() -> None:
    assert "child" not in facts("Met B. (M, 24) and his brother (19/M).")


FIRST_PERSON = [
    ("passport", "He took my passport.", "indicators.documents_confiscated"),
    ("not allowed", "I was not allowed to leave the house.", "elements.means.other_coercion"),
    ("forced me", "They forced me to work on the farm.", "elements.purposes.forced_labour"),
    ("debt", "I owed him 2,000 euros for the trip.", "indicators.debt_bondage"),
    ("family", "He threatened to kill my family.", "indicators.threats_of_violence"),
    ("parents", "He paid my parents 300 euros.", "elements.means.payments_to_controller"),
]


@pytest.mark.parametrize(
    ("text", "fact"), [(t, f) for _, t, f in FIRST_PERSON], ids=[i for i, *_ in FIRST_PERSON]
)
def test_it_reads_notes_quoting_the_person_in_the_first_person(text: str, fact: str) -> None:
    assert fact in facts(text)


ROUTE = [
    ("ransom", "They were held in a house until their families paid a ransom.", "act.harbouring"),
    ("journey debt", "He had to work to pay off the journey.", "indicators.debt_bondage"),
    ("sex as payment", "She had to have sex as payment for the crossing.", "purpose.sex"),
    ("change of terms", "There was no job; they took her to a bar.", "means.deception"),
]
FACT = {
    "act.harbouring": "elements.acts.harbouring",
    "indicators.debt_bondage": "indicators.debt_bondage",
    "purpose.sex": "elements.purposes.sexual_exploitation",
    "means.deception": "elements.means.deception",
}


@pytest.mark.parametrize(("text", "key"), [(t, k) for _, t, k in ROUTE], ids=[i for i, *_ in ROUTE])
def test_it_sees_smuggling_turning_into_trafficking(text: str, key: str) -> None:
    assert FACT[key] in facts(text)


def test_paying_a_smuggler_alone_suggests_no_means() -> None:
    found = facts("She paid the smugglers 3,000 euros to cross into Serbia.")
    assert not any(f.startswith(("elements.means.", "indicators.")) for f in found)


INDICATORS = [
    (
        "inform family",
        "He threatened to send the photos to her family.",
        "threats_to_inform_family",
    ),
    ("family violence", "They said they would kill her brother.", "violence_on_family"),
    ("papers", "He promised her a visa and papers.", "deceived_about_legal_documentation"),
    ("wages", "She was paid less than promised.", "deceived_about_wages"),
    ("loverboy", "Her boyfriend brought her to the flat.", "psychological_dependency"),
    ("language", "She does not speak the language.", "abuse_of_lack_of_education"),
    ("status", "The workers were undocumented.", "abuse_of_irregular_status"),
    ("school", "She was not allowed to go to school.", "no_access_to_education"),
    ("lie", "He told her to lie to the police.", "forced_to_lie"),
    ("clients", "She had to see 10 clients a day.", "forced_tasks_or_clients"),
    ("housing", "They lived in a flat rented by the employer.", "housed_by_controller"),
    ("hazard", "He sprayed pesticides without protective equipment.", "hazardous_work"),
    ("hours", "She worked 14 hours a day, seven days a week.", "excessive_working_hours"),
    ("unpaid", "He was never paid.", "low_or_no_salary"),
    ("wages withheld", "The boss kept their wages.", "wages_withheld"),
    ("kidnapped", "She was kidnapped on the way to school.", "abducted_or_sold"),
]


@pytest.mark.parametrize(
    ("text", "indicator"), [(t, i) for _, t, i in INDICATORS], ids=[n for n, *_ in INDICATORS]
)
def test_it_maps_notes_to_ilo_ec_indicators(text: str, indicator: str) -> None:
    assert f"indicators.{indicator}" in facts(text)


def test_a_prison_sentence_is_not_confinement_by_the_exploiter() -> None:
    assert facts("He was sentenced to 10 years imprisonment.") == set()
    assert "elements.means.other_coercion" in facts("They imprisoned her in the basement.")


def test_lying_to_the_authorities_is_not_deception_of_the_person() -> None:
    assert "elements.means.deception" not in facts("She lied to the police because she was afraid.")
    assert "elements.means.deception" in facts("He lied to her about the job.")


LABOUR = "elements.purposes.forced_labour"
SEX = "elements.purposes.sexual_exploitation"
PURPOSES_OF_FORCED_WORK = [
    ("as prostitutes", "He forced the women to work as prostitutes in the motel.", {SEX}, {LABOUR}),
    ("in prostitution", "She was forced to continue to work in prostitution.", {SEX}, {LABOUR}),
    ("on a farm", "He forced the migrants to work on his farm.", {LABOUR}, set()),
    ("perform work", "They compelled the aliens to perform work for them.", {LABOUR}, set()),
    ("the individuals", "The boss forced the individuals to work by threats.", {LABOUR}, set()),
]


@pytest.mark.parametrize(
    ("text", "shown", "not_shown"),
    [(t, s, n) for _, t, s, n in PURPOSES_OF_FORCED_WORK],
    ids=[i for i, *_ in PURPOSES_OF_FORCED_WORK],
)
def test_forced_prostitution_is_sexual_exploitation_not_forced_labour(
    text: str, shown: set[str], not_shown: set[str]
) -> None:
    found = set(suggest(text).facts)
    assert shown <= found
    assert not (not_shown & found)


AS_PAYMENT = "triggers.sexual_violence_as_payment"


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The smugglers demanded sex in exchange for the crossing.", True),
        ("She had to provide sexual services as payment for the trip.", True),
        ("The girls had sex with men in exchange for money.", False),
        ("Clients paid for sex acts in exchange for cash.", False),
    ],
)
def test_sex_as_payment_for_passage_is_not_commercial_sex(text: str, counted: bool) -> None:
    assert (AS_PAYMENT in suggest(text, min_confidence=0).facts) is counted
