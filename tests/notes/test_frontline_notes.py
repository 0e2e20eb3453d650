"""Notes as frontline workers write them: shorthand, the present tense, reported speech, to-do
lines. Hand-written; each row names what must be suggested and what must not."""

from __future__ import annotations

import pytest

from stepstones.notes import suggest

DOCUMENTS = "indicators.documents_confiscated"
ISOLATION = "indicators.isolation_confinement_surveillance"
HOURS = "indicators.excessive_working_hours"
WAGES = "indicators.wages_withheld"
DEBT = "indicators.debt_bondage"
DENUNCIATION = "indicators.threat_of_denunciation"
THREAT = "elements.means.threat"
DECEPTION = "elements.means.deception"
PAYMENT = "elements.means.payments_to_controller"
TRANSFER = "elements.acts.transfer"
RECRUITMENT = "elements.acts.recruitment"
LABOUR = "elements.purposes.forced_labour"
MARRIAGE = "elements.purposes.forced_marriage"
WORK_FOR_JOURNEY = "triggers.forced_work_to_pay_journey"
VULNERABILITY = "elements.means.abuse_of_vulnerability"
CRIMINALITY = "elements.purposes.forced_criminality"
SEX = "elements.purposes.sexual_exploitation"
HARBOURING = "elements.acts.harbouring"

NOTES = [
    (
        "things taken in a list",
        "The employer confiscated his phone and passport.",
        {DOCUMENTS},
        set(),
    ),
    ("present tense", "They keep her ID in the office.", {DOCUMENTS}, set()),
    ("her own passport", "She keeps her passport in her bag.", set(), {DOCUMENTS}),
    ("own documents", "Says she keeps her own documents.", set(), {DOCUMENTS}),
    ("his own papers", "They kept their papers with them.", set(), {DOCUMENTS}),
    ("someone else's passport", "He keeps her passport in his safe.", {DOCUMENTS}, set()),
    ("phones taken", "They confiscated our phones on arrival.", {ISOLATION}, set()),
    ("her phone kept", "She kept her phone hidden.", set(), {ISOLATION}),
    ("told not to talk", "Was told not to talk to anyone about the work.", {ISOLATION}, set()),
    ("shorthand hours", "Works 7 days/week, 12h/day in the kitchen.", {HOURS}, set()),
    ("earnings handed over", "She has to give all her earnings to the man.", {WAGES}, set()),
    ("owes money", "Cannot leave because she owes the owner 2,000 EUR.", {DEBT}, set()),
    ("works off a debt", "He works off his debt on the farm.", {DEBT, LABOUR}, set()),
    (
        "must work to pay off the journey",
        "Says he must work on a farm for a month to pay off the smuggling fee.",
        {WORK_FOR_JOURNEY, LABOUR},
        set(),
    ),
    ("ultimatum", "They said we must pay another 1,000 or they kill us.", {THREAT}, set()),
    (
        "deportation threat after 'if'",
        "The boss said that if I go to the police they will deport me.",
        {DENUNCIATION, THREAT},
        set(),
    ),
    (
        "a question to ask",
        "Ask whether he said he would deport her.",
        set(),
        {DENUNCIATION, THREAT},
    ),
    ("ask if", "Ask him if they would beat him.", set(), {THREAT}),
    (
        "sold for an amount",
        "She was sold for 2000 EUR to a man in Kumanovo.",
        {TRANSFER, PAYMENT},
        set(),
    ),
    ("offered a named job", "She was offered a waitress job in Germany.", {RECRUITMENT}, set()),
    (
        "promised pay, then less",
        "Promised 1,500 EUR a month. Actually received 300 EUR.",
        {DECEPTION},
        set(),
    ),
    (
        "arranged the marriage",
        "Her family arranged the marriage when she was 15.",
        {MARRIAGE},
        set(),
    ),
    ("married as a child", "She was married at 14 to a cousin.", {MARRIAGE}, set()),
    (
        "drugs carried are no addiction",
        "He was forced to carry drugs across the border to pay for the trip.",
        {CRIMINALITY, WORK_FOR_JOURNEY},
        {VULNERABILITY},
    ),
    ("drugs supplied", "The pimp gave her heroin every day.", {VULNERABILITY}, set()),
    ("a drug habit", "She has a drug habit and nowhere to live.", {VULNERABILITY}, set()),
    (
        "promise; instead",
        "The advert promised work in a hotel; instead they took her to a flat.",
        {DECEPTION},
        set(),
    ),
    ("seeing clients", "They made her see clients in the flat.", {SEX}, set()),
    ("invited to come", "He invited her to come and work in his restaurant.", {RECRUITMENT}, set()),
    ("travel arranged", "They arranged for him to travel to Vienna.", {RECRUITMENT}, set()),
    (
        "brought to work",
        "The couple brought two women from Ghana to the city to work in their home.",
        {RECRUITMENT},
        set(),
    ),
    (
        "promised the workers a position",
        "The agent promised the workers a position in a hotel.",
        {RECRUITMENT, DECEPTION},
        set(),
    ),
    (
        "no pay other than board",
        "She was given no pay other than room and board.",
        {HARBOURING},
        set(),
    ),
    (
        "her own ID, subject far back",
        "She rents her flat, keeps her money and her ID card.",
        set(),
        {DOCUMENTS},
    ),
    ("his own passport taken back", "He took his passport back and left.", set(), {DOCUMENTS}),
    (
        "said no is no negation",
        "When she said no he hit her.",
        {"elements.means.use_of_force"},
        set(),
    ),
    (
        "money handed over is no transfer",
        "Handed over all money every evening to the man.",
        {WAGES},
        {TRANSFER},
    ),
    (
        "forced inside a car",
        "Three men with a pistol forced them inside.",
        {"elements.means.abduction"},
        set(),
    ),
    ("pays the parents", "She pays his parents 200 EUR a month.", {PAYMENT}, set()),
    (
        "smuggler detained",
        "Driver detained for smuggling. Migrants paid him 100 EUR each.",
        set(),
        {"elements.means.other_coercion", HARBOURING},
    ),
    (
        "kidney removed",
        "Offered 15,000 EUR for one kidney. Kidney removed at a clinic.",
        {"elements.purposes.organ_removal"},
        set(),
    ),
    (
        "had to sell hashish",
        "He had to sell hashish in the square each evening.",
        {CRIMINALITY},
        set(),
    ),
    ("wages collected", "The smuggler collected her wages every week.", {WAGES}, set()),
    ("paid the father", "The shepherd paid the father 1,000 EUR for the season.", {PAYMENT}, set()),
    ("sent to men", "He sends the boys to men at night, in cars.", {SEX}, set()),
    (
        "growing cannabis",
        "They were put in a villa growing cannabis under lamps.",
        {CRIMINALITY},
        set(),
    ),
    ("marriage agreed", 'Father agreed her "marriage" to a 19 y/o.', {MARRIAGE}, set()),
    ("until midnight", "Works from 6:00 to midnight, 7 days.", {HOURS}, set()),
    ("pocket money", "Gets pocket money 50 EUR/mo.", {"indicators.low_or_no_salary"}, set()),
    ("pp for passport", "Uncle keeps his pp and his residence card.", {DOCUMENTS}, set()),
    (
        "housework under control",
        "She cooks, cleans and minds 3 kids, never paid, not allowed out alone.",
        {"elements.purposes.servitude"},
        set(),
    ),
    (
        "housework for family",
        "She cooks and cleans at home and looks after her little brother.",
        set(),
        {"elements.purposes.servitude", LABOUR},
    ),
    (
        "driven there every morning",
        "The uncle drives both of them there every morning.",
        {"elements.acts.transportation"},
        set(),
    ),
    (
        "taken by car",
        "Taken by car to Skopje and flown to Istanbul.",
        {"elements.acts.transportation"},
        set(),
    ),
    ("sleeps in a container", "They sleep in a metal container on the farm.", {HARBOURING}, set()),
    ("a bed given", "Hamid gives him a bed in a flat in Cair.", {HARBOURING}, set()),
    ("all passports kept", "Owner keeps all passports in the safe.", {DOCUMENTS}, set()),
    ("locked from outside", "The owner locks it from outside at night.", {ISOLATION}, set()),
    (
        "reported as illegal",
        "Anyone who complains will be reported to police as illegal.",
        {DENUNCIATION},
        set(),
    ),
    (
        "their phones kept",
        "Hamid keeps their phones so police cannot track them.",
        {ISOLATION},
        set(),
    ),
    (
        "where the family is",
        "He said: we know where your daughter goes to school.",
        {THREAT},
        set(),
    ),
    ("knew the debts", "The man said he knew about his debts.", {VULNERABILITY}, set()),
    (
        "Reality:",
        "Contract: cook, 1200 EUR. Reality: washes dishes 14h/day for 250 EUR.",
        {DECEPTION},
        set(),
    ),
    ("he'll call the police", "Says if he leaves he'll call the police.", {DENUNCIATION}, set()),
    (
        "names to the police",
        "The smuggler said he will give their names to police as dealers.",
        {DENUNCIATION},
        set(),
    ),
    ("otherwise", "He said otherwise I leave you here in the forest.", {THREAT}, set()),
    ("shorthand pp", "Manager took pp for the work permit, never returned it.", {DOCUMENTS}, set()),
    ("misspelt passport", "The farm man keeps his pasport.", {DOCUMENTS}, set()),
    (
        "sex asked for instead of money",
        "The guide asked her for sex when she did not have the last 300 EUR.",
        {SEX, "triggers.sexual_violence_as_payment"},
        set(),
    ),
    (
        "pay offered, never paid",
        "Offered work in the kitchen, 300 EUR a month. He was never paid.",
        {DECEPTION},
        set(),
    ),
    (
        "pay offered and paid",
        "Offered work in the kitchen, 300 EUR a month. Paid on time.",
        set(),
        {DECEPTION},
    ),
    (
        "school promised, not enrolled",
        "He told the family she would go to school in the city. Not enrolled in any school.",
        {DECEPTION},
        set(),
    ),
    ("goes to school", "Girl, 13, goes to school, grades good.", set(), {DECEPTION}),
    ("offers him a job", "The uncle offers him a job in his pizzeria.", {RECRUITMENT}, set()),
    (
        "offered to take her",
        "A woman offered to take her to a good family in Tirana.",
        {RECRUITMENT},
        set(),
    ),
    (
        "via an agency",
        "Seasonal work via a licensed agency, asparagus harvest.",
        {RECRUITMENT},
        set(),
    ),
    (
        "free passage for a task",
        "The smuggler said he goes free if he drives the van.",
        {RECRUITMENT},
        set(),
    ),
    ("paid to the father", "The man paid the rest, 4000 EUR, to the father.", {PAYMENT}, set()),
    ("paid to the smuggler", "He paid 600 EUR to the smuggler for the trip.", set(), {PAYMENT}),
    ('"sold" in quotes', 'The smuggler "sold" her to another smuggler.', {PAYMENT}, set()),
    (
        "work under a debt",
        "The cousin put him on a building site, 11h a day, and collects the wages for the debt.",
        {LABOUR},
        set(),
    ),
    (
        "work words in sexual exploitation",
        "She works for him, he takes all her earnings and sells her to clients as a prostitute.",
        {SEX},
        {LABOUR},
    ),
    (
        "lives in a container, papers held",
        "Live in a container behind the wash. Owner keeps their passports in the safe.",
        {HARBOURING},
        set(),
    ),
    (
        "lives in a flat, free",
        "She lives in a flat in Skopje with two friends.",
        set(),
        {HARBOURING},
    ),
    (
        "held for days by armed men",
        "Armed men forced them into a van. Kept there 5 days.",
        {HARBOURING},
        set(),
    ),
    ("not alowed out", "He took her phone, she is not alowed out w/o him.", {ISOLATION}, set()),
    (
        "none report",
        "12 men. None report being held, threatened or made to work.",
        set(),
        {LABOUR, THREAT, HARBOURING},
    ),
    (
        "independent sex work",
        "F, 29. Sex work, independently, from her own flat. Keeps all her earnings, has her ID.",
        set(),
        {SEX},
    ),
    ("sex work under control", "Sex work in a flat, the man keeps her passport.", {SEX}, set()),
    ("shows on camera", "He makes her do shows on camera for foreign men.", {SEX}, set()),
    (
        "men brought who paid",
        "He kept her in a room and brought other men who paid him.",
        {SEX},
        set(),
    ),
    ("own earnings kept", "Keeps all her earnings, has her ID.", set(), {WAGES, DOCUMENTS}),
    ("earnings kept by the boss", "The boss keeps all her earnings.", {WAGES}, set()),
    (
        "no legs, begging",
        "Man approx 50, no legs, begging at the crossroad.",
        {"elements.purposes.forced_begging"},
        set(),
    ),
    ("phones on a quota", "Every day he must bring 5 phones or wallets.", {CRIMINALITY}, set()),
    ("phones confiscated", "The smugglers took their phones on arrival.", set(), {CRIMINALITY}),
    (
        "sells hashish",
        "They let him sleep there only if he sells hashish for them.",
        {CRIMINALITY},
        set(),
    ),
    (
        "bag across the border",
        'He must carry "a bag" across the border three times.',
        {CRIMINALITY},
        set(),
    ),
    (
        "kidney donated",
        'He "donated" one kidney at a private clinic in Istanbul.',
        {"elements.purposes.organ_removal"},
        set(),
    ),
    (
        "agreed to marry her",
        "Girl 14, family agree to marry her with man 22 from Kosovo.",
        {MARRIAGE},
        set(),
    ),
    (
        "given as a wife",
        'Uncle "gave" her to the brother of the smuggler as wife.',
        {MARRIAGE},
        set(),
    ),
    (
        "forced to drive migrants",
        "They told him to pay the debt by driving: he drove a van with 15 migrants to Kumanovo.",
        {CRIMINALITY},
        set(),
    ),
    (
        "a smuggler driving",
        "Driver MK, 45. He was driving a van with 9 migrants for 100 EUR each.",
        set(),
        {CRIMINALITY},
    ),
    (
        "only if",
        "They let him sleep there only if he sells hashish for them.",
        {CRIMINALITY},
        set(),
    ),
    (
        "if, hypothetical",
        "If he sells drugs for them he may stay, they said.",
        set(),
        {CRIMINALITY},
    ),
    (
        "father receives an amount",
        "Father receive 3000 EUR from family of groom.",
        {PAYMENT},
        set(),
    ),
    ("gave the father money", "He gave the father 300 EUR in advance.", {PAYMENT}, set()),
    ('"sell" her', 'The man "sell" her to a man from Tirana for 1500 euro.', {PAYMENT}, set()),
    ("put on the street", 'Her "husband" put her on the street for men.', {SEX}, set()),
    ("men arranged", "He arranged men to come to the apartment.", {SEX}, set()),
    ("go with guests", "First night he told her she has to go with guests.", {SEX}, set()),
    ("be nice with them", 'The men pay him and then she has to "be nice" with them.', {SEX}, set()),
    ("private shows", "Shows 8 h/night, sexual content, private shows he arranges.", {SEX}, set()),
    (
        "found them the job",
        "The gangmaster find them the job and a place in barracks.",
        {RECRUITMENT},
        set(),
    ),
    (
        "chatted on Instagram",
        "A man chatted with her on Instagram for months.",
        {RECRUITMENT},
        set(),
    ),
    (
        "answered an ad",
        'She answered an ad on Instagram: "chat model, online only".',
        {RECRUITMENT},
        set(),
    ),
    (
        "paid an agent for a job",
        'Paid "agent" 2000 EUR for trip to Vienna + job.',
        {RECRUITMENT},
        set(),
    ),
    ("pay promised", "K. promises 500 EUR/month, a room and papers.", {RECRUITMENT}, set()),
    ("given to relatives", '"The parents gave her to us for a better life."', {TRANSFER}, set()),
    (
        "if ... he call police",
        "Farmer say if they complain he call police to deport them.",
        {DENUNCIATION},
        set(),
    ),
    ("if, same subject", "If he is threatened again he should call us.", set(), {THREAT}),
    ("have their ID cards", "Dragan have their ID cards for the contract.", {DOCUMENTS}, set()),
    (
        "passport of her husband",
        "The employer in Munich keep passport of her husband.",
        {DOCUMENTS},
        set(),
    ),
    ("keeps both phones", "Arben keep both phones.", {ISOLATION}, set()),
    ("not allow her call", "He take all money, not allow her call family.", {ISOLATION}, set()),
    (
        "not let them go",
        "He keep them in his house one week, not let them go with the group.",
        {ISOLATION},
        set(),
    ),
    (
        "hand burnt",
        "One time they burn his hand with cigarette.",
        {"elements.means.use_of_force"},
        set(),
    ),
    (
        "no food as a lever",
        "When he bring less they not give food.",
        {"elements.means.other_coercion"},
        set(),
    ),
    ("left on the road", "They said they leave him on the road in the mountain.", {THREAT}, set()),
    ("shots in the air", "He and two guards shoot in the air.", {THREAT}, set()),
    (
        "family will have problems",
        "Man said his family in Gujrat will have problems.",
        {THREAT},
        set(),
    ),
    ("more or he stays", 'They want 2000 EUR more or "he stay and work for us".', {THREAT}, set()),
    (
        "bring them with his van",
        "Dragan recruit them in Leskovac, bring them with his van.",
        {"elements.acts.transportation"},
        set(),
    ),
    (
        "brought by someone",
        'Brought in July by "Arben", boyfriend of the older one.',
        {"elements.acts.transportation"},
        set(),
    ),
    (
        "take him from Greece",
        "They take him from Greece 3 weeks ago.",
        {"elements.acts.transportation"},
        set(),
    ),
    (
        "smuggler's car",
        "Came with smuggler car from Thessaloniki.",
        {"elements.acts.transportation"},
        set(),
    ),
    (
        "reported no beating",
        "She did not say they beat her.",
        set(),
        {"elements.means.use_of_force"},
    ),
    (
        "a voluntary worker",
        "Came voluntarily for cleaning work. Wages paid on time, can leave when she wants.",
        set(),
        {DOCUMENTS, WAGES, LABOUR, DECEPTION, THREAT},
    ),
]


@pytest.mark.parametrize(
    ("text", "shown", "not_shown"),
    [(t, s, n) for _, t, s, n in NOTES],
    ids=[i for i, *_ in NOTES],
)
def test_frontline_notes(text: str, shown: set[str], not_shown: set[str]) -> None:
    found = set(suggest(text).facts)
    assert shown <= found, f"missing {shown - found}"
    assert not (not_shown & found), f"wrongly suggested {not_shown & found}"


AGES = [
    ("shorthand sex and age", "M, 16, AFG, unaccompanied. Came via Bulgaria.", True),
    ("shorthand in brackets", "Met H. (M, 17, Syrian) at the transit centre.", True),
    ("who is", "Six men came back, the youngest, who is 17, is still at school.", True),
    ("a duration is no age", "Client F, 56, carer in Bologna for 2 yrs.", False),
    ("just turned 18", "She had just turned 18 when she met him.", False),
    ("girls next to an adult age", "S. (F, 24) lives with four other girls above the club.", False),
    ("a minor beside an adult", "F, 24, came with her sister, a minor.", True),
    ("a child's age beside an adult's", "The girls, aged 14 and 20, were found in the flat.", True),
    ("an initial and an age", "L. (16) talked more today.", True),
    ("children's ages in brackets", "F, 31, Syrian, w/ 2 daughters (6, 10).", True),
    ("a number in brackets", "Room (12) on the 2nd floor, bed 3.", False),
]


@pytest.mark.parametrize(("text", "child"), [(t, c) for _, t, c in AGES], ids=[i for i, *_ in AGES])
def test_ages_in_notes(text: str, child: bool) -> None:
    assert ("child" in suggest(text).facts) is child


def test_an_adult_age_is_shown_as_the_reason_a_child_word_did_not_count() -> None:
    found = suggest("S. (F, 24) lives with four other girls above the club.")
    reasons = {(item.reason.value, item.cue) for item in found.suppressed_for("child")}
    assert reasons == {("adult_age", "(F, 24)")}


COMMAS = [
    ("a new clause after a comma", "Never paid himself, shepherd hit him with a stick.", True),
    ("a list after a comma", "She was not beaten, threatened or kicked.", False),
    ("right after the comma", "He was not paid, beaten.", False),
    ("no X, no Y", "There were no threats, no violence.", False),
]


@pytest.mark.parametrize(
    ("text", "counted"), [(t, c) for _, t, c in COMMAS], ids=[i for i, *_ in COMMAS]
)
def test_a_comma_ends_a_negation_only_before_a_new_clause(text: str, counted: bool) -> None:
    assert ("elements.means.use_of_force" in suggest(text).facts) is counted
