"""Each red flag, in each language, with the cases that must and must not raise it."""

from __future__ import annotations

import pytest

from stepstones.recruitment import Offer, check_offer

# (flag, language, text, expected to fire)
CASES = [
    ("fee", "en", "Registration fee of 200 EUR before departure.", True),
    ("fee", "en", "You must pay 300 EUR for the visa.", True),
    ("fee", "en", "There are no fees for candidates.", False),
    ("fee", "en", "Your visa fee is paid by the employer.", False),
    ("fee", "en", "Salary paid by direct deposit, $4,000 a month.", False),
    ("fee", "mk", "Провизија 300 евра се плаќа однапред.", True),
    ("fee", "mk", "Агенцијата не наплаќа провизија.", False),
    ("fee", "sq", "Tarifë regjistrimi 100 euro.", True),
    ("fee", "sq", "Nuk paguani asnjë tarifë.", False),
    ("fee", "sr-Latn", "Provizija 250 evra, uplata unapred.", True),
    ("fee", "sr-Latn", "Ne naplaćujemo proviziju.", False),
    ("fee", "sr-Cyrl", "Провизија 250 евра, уплата унапред.", True),
    ("passport", "en", "Your passport will be kept by the employer.", True),
    ("passport", "en", "We will never ask you to hand over your passport.", False),
    ("passport", "en", "A valid passport is required to travel.", False),
    ("passport", "mk", "Пасошот ќе го чуваме ние.", True),
    ("passport", "sq", "Pasaportën do ta mbajmë ne.", True),
    ("passport", "sr-Latn", "Pasoš ostavljate kod nas.", True),
    ("passport", "sr-Cyrl", "Пасош остављате код нас.", True),
    ("passport", "en", "The employer keeps your passport during the contract.", True),
    ("passport", "en", "Keep your passport with you at all times.", False),
    ("passport", "mk", "Пасошот го чува работодавачот.", True),
    ("passport", "sq", "Pasaportën e mban punëdhënësi.", True),
    ("passport", "sr-Latn", "Pasoš čuva poslodavac do kraja ugovora.", True),
    ("debt", "en", "The ticket is deducted from your salary.", True),
    ("debt", "en", "Nothing is deducted from your salary.", False),
    ("debt", "mk", "Превозот се одбива од платата.", True),
    ("debt", "sq", "Bileta do të zbritet nga paga.", True),
    ("debt", "sr-Latn", "Karta se odbija od plate.", True),
    ("movement_limits", "en", "You cannot leave the house alone.", True),
    ("movement_limits", "en", "Mobile phones will be kept by the manager.", True),
    ("movement_limits", "mk", "Без слободни денови.", True),
    ("movement_limits", "sq", "Nuk lejohet të dilni.", True),
    ("movement_limits", "sr-Latn", "Telefon se oduzima tokom rada.", True),
    ("pay_too_good", "en", "Earn 4000 EUR a month, no experience needed.", True),
    ("pay_too_good", "en", "Earn 900 EUR a month, no experience needed.", False),
    ("pay_too_good", "en", "Pay 25 EUR per hour, no experience needed.", True),
    ("pay_too_good", "mk", "Висока плата, без искуство.", True),
    ("pay_too_good", "sq", "Pagë e lartë, pa përvojë.", True),
    ("pay_too_good", "sr-Latn", "Visoka plata, bez iskustva.", True),
    ("anonymous_contact", "en", "Call +389 70 123 456 or WhatsApp.", True),
    ("anonymous_contact", "en", "Write to jobs2026@gmail.com.", True),
    ("anonymous_contact", "en", "Write to jobs@acme.mk or call +389 70 123 456.", False),
    ("anonymous_contact", "mk", "Јавете се на Вибер.", True),
    ("travel_arranged", "en", "Visa and flight provided, work in Germany.", True),
    ("travel_arranged", "en", "Visa and flight provided.", False),
    ("travel_arranged", "mk", "Визата е бесплатна, работа во Австрија.", True),
    ("travel_arranged", "sq", "Bileta falas, punë në Itali.", True),
    ("travel_arranged", "sr-Latn", "Prevoz besplatan, rad u Nemačkoj.", True),
    ("looks_requirements", "en", "Attractive girls 18-25 years wanted.", True),
    ("looks_requirements", "en", "An attractive salary package.", False),
    ("looks_requirements", "mk", "Бараме млади девојки.", True),
    ("looks_requirements", "sq", "Kërkohen vajza të reja.", True),
    ("looks_requirements", "sr-Latn", "Potrebne zgodne devojke.", True),
    ("risky_job_abroad", "en", "Hostess work in Dubai.", True),
    ("risky_job_abroad", "en", "Hostess work in our Skopje restaurant.", False),
    ("risky_job_abroad", "mk", "Танчерки за ноќен клуб во Швајцарија.", True),
    ("risky_job_abroad", "sq", "Kujdestare në Itali.", True),
    ("risky_job_abroad", "sr-Cyrl", "Плесачице за клуб у Аустрији.", True),
    ("personal_data", "en", "Send us your bank account details and card number.", True),
    ("personal_data", "mk", "Испратете број на картичка.", True),
    ("no_experience", "sq", "Pa përvojë.", True),
    ("housing_provided", "sr-Latn", "Smeštaj obezbeđen.", True),
    ("urgency", "en", "Urgent!!! Leave this week.", True),
    ("urgency", "mk", "Итно, заминување оваа недела.", True),
    ("vague_job", "en", "Various positions abroad, details in inbox.", True),
    ("no_employer", "en", "Work in a warehouse, good pay.", True),
    ("no_employer", "en", "Acme Ltd, 12 Baker Street, London, hires packers.", False),
    ("no_employer", "mk", "Зрно ДООЕЛ, ул. Партизанска 22, бара пекар.", False),
    ("no_employer", "sq", "Alba sh.p.k., NIPT L123, punëson rrobaqepëse.", False),
    ("no_employer", "sr-Latn", "Mlekara d.o.o., PIB 1012, zapošljava tehnologa.", False),
    ("money_reversed", "en", "You will cash the cheque and send the money on.", True),
    ("money_reversed", "sr-Latn", "Primate novac na vaš račun i prebacite novac dalje.", True),
    ("personal_data", "sq", "Na dërgoni numrin e kartës.", True),
    ("personal_data", "sr-Latn", "Pošaljite broj kartice i PIN kod.", True),
    ("personal_data", "sr-Cyrl", "Пошаљите број картице.", True),
    ("no_experience", "en", "No experience needed.", True),
    ("no_experience", "mk", "Без искуство.", True),
    ("no_experience", "sr-Cyrl", "Без искуства, без знања језика.", True),
    ("no_experience", "en", "Three years of experience needed.", False),
    ("housing_provided", "en", "Free accommodation provided.", True),
    ("housing_provided", "mk", "Сместување обезбедено.", True),
    ("housing_provided", "sq", "Akomodim falas.", True),
    ("urgency", "sq", "Urgjent, nisja këtë javë!", True),
    ("urgency", "sr-Latn", "Hitno, polazak sutra!", True),
    ("vague_job", "mk", "Разни работи во странство, повеќе информации во инбокс.", True),
    ("vague_job", "sq", "Punë të ndryshme jashtë shtetit, detajet në inbox.", True),
    ("vague_job", "sr-Cyrl", "Разни послови у иностранству, детаљи у инбокс.", True),
    ("looks_requirements", "sr-Cyrl", "Потребне младе девојке пријатног изгледа.", True),
    ("looks_requirements", "sq", "Kërkohet kamariere me eksperiencë.", False),
    ("movement_limits", "sr-Cyrl", "Без слободних дана, не смете да излазите.", True),
    ("movement_limits", "en", "You are free to leave at any time.", False),
    ("debt", "sr-Cyrl", "Карта се одбија од плате.", True),
    ("debt", "mk", "Ништо не се одбива од платата.", False),
    ("passport", "sq", "Nuk ju kërkojmë kurrë pasaportën.", False),
    ("passport", "sr-Latn", "Nikada ne tražimo vaš pasoš.", False),
    ("fee", "sq", "Duhet të paguani 200 euro paraprakisht.", True),
    ("fee", "mk", "Бесплатно, без провизија.", False),
    ("anonymous_contact", "sq", "Na shkruani në Viber.", True),
    ("anonymous_contact", "sr-Latn", "Pišite na poslovi123@gmail.com.", True),
    ("anonymous_contact", "sr-Latn", "Pišite na posao@firma.rs.", False),
    ("risky_job_abroad", "sr-Latn", "Dadilja za porodicu u Austriji.", True),
    ("travel_arranged", "sr-Cyrl", "Виза и превоз обезбеђени, рад у Немачкој.", True),
]


@pytest.mark.parametrize(
    ("flag", "language", "text", "fires"),
    CASES,
    ids=[
        f"{flag}-{lang}-{'yes' if fires else 'no'}-{i}"
        for i, (flag, lang, _, fires) in enumerate(CASES)
    ],
)
def test_it_raises_each_flag_only_where_it_belongs(
    flag: str, language: str, text: str, fires: bool
) -> None:
    ids = {f.id for f in check_offer(Offer(text)).flags}
    assert (flag in ids) is fires, sorted(ids)


def test_it_marks_the_matched_words_in_the_original_text() -> None:
    text = "Пасош остављате код нас. Smeštaj obezbeđen."
    check = check_offer(Offer(text))
    for flag in check.flags:
        for span in flag.spans:
            assert text[span.start : span.end] == span.text
    passport = next(f for f in check.flags if f.id == "passport")
    assert [s.text for s in passport.spans] == ["Пасош", "остављате"]


def test_it_reads_the_job_country_from_the_metadata() -> None:
    text = "Hostess work, visa and flight provided."
    assert "risky_job_abroad" not in {f.id for f in check_offer(Offer(text)).flags}
    abroad = check_offer(Offer(text, job_country="AE"))
    assert {"risky_job_abroad", "travel_arranged"} <= {f.id for f in abroad.flags}
    home = check_offer(Offer(text, job_country="MK", seeker_country="MK"))
    assert "risky_job_abroad" not in {f.id for f in home.flags}


def test_it_reads_the_contact_from_the_metadata() -> None:
    check = check_offer(Offer("Warehouse work in Skopje.", contact="WhatsApp +389 70 111 222"))
    flag = next(f for f in check.flags if f.id == "anonymous_contact")
    assert flag.spans == ()


def test_it_catches_spelling_tricks_on_messaging_apps() -> None:
    ids = {f.id for f in check_offer(Offer("Work in Italy. Write on what$app or v!ber.")).flags}
    assert "anonymous_contact" in ids


def test_the_word_index_finds_exactly_what_the_lexicon_patterns_find() -> None:
    from pathlib import Path

    import yaml

    from stepstones.recruitment.catalogue import catalogue
    from stepstones.recruitment.text import fold

    cat = catalogue()
    data = Path(__file__).resolve().parents[1] / "data" / "offers"
    texts = [
        fold(o["text"]) for f in sorted(data.glob("*.yaml")) for o in yaml.safe_load(f.read_text())
    ]
    texts.append(
        fold("Don't pay! ul. Partizanska 5, live-in nanny, Acme d.o.o., a deposit of 200.")
    )
    texts.extend(fold(text) for _, _, text, _ in CASES)
    for text in texts:
        found = cat.words.find(text)
        for name, concept in cat.concepts.items():
            assert found.get(name, []) == [m.span() for m in concept.pattern.finditer(text)], name
