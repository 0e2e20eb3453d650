"""How the notes assistant reads the means: which words show one, which only name something, and
which show one only with another sign. Hand-written sentences, each rule also in negated and
hypothetical form."""

from __future__ import annotations

import pytest

from stepstones.notes import DEFAULT_MIN_CONFIDENCE, Reason, suggest

COERCION = "elements.means.other_coercion"
FORCE = "elements.means.use_of_force"
THREAT = "elements.means.threat"
FRAUD = "elements.means.fraud"
DECEPTION = "elements.means.deception"
VULNERABILITY = "elements.means.abuse_of_vulnerability"
PAYMENT = "elements.means.payments_to_controller"


def facts(text: str) -> set[str]:
    return set(suggest(text).facts)


def confidence(text: str, fact: str) -> float:
    found = [s for s in suggest(text, min_confidence=0).suggestions if s.fact == fact]
    return found[0].confidence if found else 0.0


SHOWN = [
    ("by force", "He took her to the flat by force.", FORCE),
    ("use of force", "He recruited the boy through the use of force.", FORCE),
    ("held against her will", "She was held against her will for a month.", COERCION),
    ("forced to hand over", "She was forced to hand over her passport.", COERCION),
    ("false name", "He brought her into the country under a false name.", FRAUD),
    ("someone else's passport", "She travelled on someone else's passport.", FRAUD),
    ("a relative's passport", "He flew her in using his niece's passport.", FRAUD),
    ("thinking she would", "She came to Skopje thinking she would study.", DECEPTION),
    ("believed he would", "He believed he would earn 800 euros a month.", DECEPTION),
    ("led to believe", "They led her to believe the job was in a hotel.", DECEPTION),
    ("posed as", "He posed as a modelling agent.", DECEPTION),
    ("pretended to be", "The woman pretended to be a nurse from an agency.", DECEPTION),
    ("lured", "A neighbour lured her to the city.", DECEPTION),
    ("report to immigration", "He threatened to report them to immigration.", VULNERABILITY),
    ("fear of deportation", "She stayed out of fear of deportation.", VULNERABILITY),
    ("deportation is a threat too", "He threatened to have her deported.", THREAT),
    ("was told she would", "She was told she would work as a cook in a hotel.", DECEPTION),
    ("were assured they would", "They were assured they would be paid every week.", DECEPTION),
    ("was supposed to", "He was supposed to work on a building site in Graz.", DECEPTION),
    ("but in reality", "He said she could keep half, but in reality he kept it all.", DECEPTION),
    ("impoverished", "She grew up in an impoverished village near the border.", VULNERABILITY),
    ("uneducated", "The recruiter looked for uneducated girls from the villages.", VULNERABILITY),
    ("limited education", "He has limited education and no family here.", VULNERABILITY),
    ("unemployed", "She had been unemployed for two years.", VULNERABILITY),
    ("sold on", "The pimp sold the girls to another pimp in Tetovo.", PAYMENT),
    ("sold by name", "Marko sold the two women Ana and Vesna to the bar owner.", PAYMENT),
    ("freedom bought", "Her freedom was eventually bought for 3,000 euros.", PAYMENT),
]


@pytest.mark.parametrize(
    ("text", "fact"), [(t, f) for _, t, f in SHOWN], ids=[i for i, *_ in SHOWN]
)
def test_it_suggests_the_means_the_words_show(text: str, fact: str) -> None:
    assert fact in facts(text)


NOT_SHOWN = [
    (
        "no evidence of X or Y",
        "There was no evidence of physical abuse or coercion.",
        COERCION,
        Reason.NEGATED,
    ),
    (
        "no sign of a list",
        "No signs of bruises, injuries or violence.",
        FORCE,
        Reason.NEGATED,
    ),
    (
        "did not find any evidence of",
        "The social worker did not find any evidence of threats or confinement.",
        COERCION,
        Reason.NEGATED,
    ),
    ("not by force", "He did not take her by force.", FORCE, Reason.NEGATED),
    (
        "not against her will",
        "She said she was never held against her will.",
        COERCION,
        Reason.NEGATED,
    ),
    ("no false name", "She did not travel under a false name.", FRAUD, Reason.NEGATED),
    (
        "whether someone else's passport",
        "Check whether she travelled on someone else's passport.",
        FRAUD,
        Reason.HYPOTHETICAL,
    ),
    ("not lured", "Nobody lured her; she came on her own.", DECEPTION, Reason.NEGATED),
    ("if lured", "Ask if she was lured by a friend.", DECEPTION, Reason.HYPOTHETICAL),
    (
        "not led to believe",
        "He never led her to believe there was a job.",
        DECEPTION,
        Reason.NEGATED,
    ),
    (
        "posing officer",
        "An undercover officer posed as a customer.",
        DECEPTION,
        Reason.OTHER_PERSON,
    ),
    (
        "never threatened with immigration",
        "He never threatened to call immigration.",
        VULNERABILITY,
        Reason.NEGATED,
    ),
    (
        "whether immigration threat",
        "Ask whether he threatened to report her to immigration.",
        VULNERABILITY,
        Reason.HYPOTHETICAL,
    ),
    (
        "question about belief",
        "Did she come thinking she would study?",
        DECEPTION,
        Reason.QUESTION,
    ),
]


@pytest.mark.parametrize(
    ("text", "fact", "reason"),
    [(t, f, r) for _, t, f, r in NOT_SHOWN],
    ids=[i for i, *_ in NOT_SHOWN],
)
def test_it_does_not_count_negated_hypothetical_or_other_peoples_means(
    text: str, fact: str, reason: Reason
) -> None:
    result = suggest(text)
    assert fact not in result.facts
    assert any(s.target.fact == fact and s.reason is reason for s in result.suppressed)


NAMES = [
    ("task force", "A police task force found her at the motel.", FORCE, COERCION),
    ("police force", "Her uncle served in the police force.", COERCION, FORCE),
    ("mail fraud", "He was also convicted of mail fraud.", FRAUD, DECEPTION),
    ("benefits fraud", "She claimed his benefits fraudulently.", FRAUD, DECEPTION),
    (
        "statute title",
        "He was charged with sex trafficking by force, fraud, or coercion.",
        COERCION,
        FRAUD,
    ),
]


@pytest.mark.parametrize(
    ("text", "fact", "other"), [(t, f, o) for _, t, f, o in NAMES], ids=[i for i, *_ in NAMES]
)
def test_words_that_only_name_something_show_no_means(text: str, fact: str, other: str) -> None:
    result = suggest(text, min_confidence=0)
    assert fact not in result.facts
    assert other not in result.facts
    assert not [s for s in result.suppressed if s.target.fact in (fact, other)]


def test_names_are_context_so_the_keyword_baseline_still_matches_them() -> None:
    assert FRAUD in suggest("Convicted of mail fraud.", min_confidence=0, use_context=False).facts


def test_fraud_on_the_person_still_counts_beside_a_named_fraud() -> None:
    text = "He committed wire fraud and brought her in on a fraudulent visa."
    assert FRAUD in facts(text)


FORCED_INTO = [
    ("forced into prostitution", "He forced her into prostitution."),
    ("forced to work", "They were forced to work in the fields."),
    ("forcing someone to", "He was forcing a girl from the next village to dance."),
    ("made her work", "The aunt made her work in the shop."),
]


@pytest.mark.parametrize("text", [t for _, t in FORCED_INTO], ids=[i for i, _ in FORCED_INTO])
def test_forcing_a_person_into_the_exploitation_is_coercion(text: str) -> None:
    assert COERCION in facts(text)


def test_forced_labour_named_as_a_charge_is_only_weak_evidence_of_a_means() -> None:
    # The noun names the purpose (here a charge); which means made it happen needs a sign.
    text = "He was convicted of forced labour."
    assert 0 < confidence(text, COERCION) < DEFAULT_MIN_CONFIDENCE
    assert COERCION not in facts(text)


@pytest.mark.parametrize(
    "corroboration",
    ["He kept all the money.", "She owed him a debt of 2,000 euros.", "She was afraid of him."],
    ids=["control", "debt", "fear"],
)
def test_forced_into_the_exploitation_with_another_sign_is_suggested(corroboration: str) -> None:
    assert COERCION in facts(f"He forced her into prostitution. {corroboration}")


def test_a_clause_wide_negation_stops_at_the_clause() -> None:
    text = "There was no evidence of coercion, but later he beat her."
    assert FORCE in facts(text)
    assert COERCION not in facts(text)


WHO_WAS_HURT = [
    ("defendant beaten", "The defendant was beaten by a rival.", False),
    ("trafficker assaulted", "The trafficker was later assaulted in jail.", False),
    ("employer injured", "Her employer had been injured in a car accident.", False),
    ("person beaten by defendant", "She was beaten by the defendant.", True),
    ("defendant beat her", "The defendant beat her when she refused.", True),
    ("defendant was violent", "The defendant was violent towards her.", True),
    ("the pimp hit her", "The pimp, a former boxer, was arrested after he hit her.", True),
]


@pytest.mark.parametrize(
    ("text", "counted"),
    [(t, c) for _, t, c in WHO_WAS_HURT],
    ids=[i for i, *_ in WHO_WAS_HURT],
)
def test_violence_done_to_the_exploiter_is_not_a_means(text: str, counted: bool) -> None:
    result = suggest(text)
    assert (FORCE in result.facts) is counted
    if not counted:
        assert any(
            s.target.fact == FORCE and s.reason is Reason.OTHER_PERSON for s in result.suppressed
        )


TRANSFER = [
    ("sold to", "She was later sold to a bar owner in Ohrid.", True),
    ("transferred to", "The girls were transferred to another flat.", True),
    ("not sold", "She was never sold to anyone.", False),
    ("whether sold", "Ask whether she was sold to the owner.", False),
    ("goods sold", "The car was sold to a dealer.", False),
]


@pytest.mark.parametrize(
    ("text", "counted"), [(t, c) for _, t, c in TRANSFER], ids=[i for i, *_ in TRANSFER]
)
def test_a_person_sold_or_transferred_to_someone_is_a_transfer(text: str, counted: bool) -> None:
    assert ("elements.acts.transfer" in facts(text)) is counted


NOT_DECEPTION = [
    ("a place that was in reality", "The bars were in reality brothels run by the gang."),
    ("told by the police", "The police told her the shelter would take her in."),
    ("not told", "She was never told she would work in a bar."),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_DECEPTION], ids=[i for i, _ in NOT_DECEPTION])
def test_what_a_place_really_was_or_a_denied_promise_is_no_deception(text: str) -> None:
    assert DECEPTION not in facts(text)


NOT_PAYMENT = [
    ("sold goods", "He sold the car to a dealer."),
    ("sold to buy", "She sold them to pay for the rent."),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_PAYMENT], ids=[i for i, _ in NOT_PAYMENT])
def test_a_sale_of_things_is_no_payment_to_a_controller(text: str) -> None:
    assert PAYMENT not in facts(text)
