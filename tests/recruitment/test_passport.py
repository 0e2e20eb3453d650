"""The passport flag in every supported language: handing over, sending, copying or photographing
an identity document is high in every phrasing; keeping it yourself or a refusal is not.

The English "Send copy of passport on WhatsApp" used to be medium: the English lexicon named the
handing-over only in set phrases with an article or a pronoun ("send a copy", "copy of your",
"send us"), while Macedonian listed bare words ("копија", "испратете"), so the same request fired
in one language and not the other. Each language now lists the single words of sending, handing
over, copying, scanning and photographing, and the rule asks for them in the same sentence as
the document, with negation in the language's own place (before, or after in verb-final Dari,
Pashto, Urdu and Turkish).
"""

from __future__ import annotations

import pytest

from stepstones.recruitment import Level, Offer, check_offer

# (language, text, expected to raise the passport flag)
TABLE = [
    ("en", "Send copy of passport on WhatsApp to reserve.", True),
    ("en", "work in Italy 3000 eur send passport", True),
    ("en", "We need a scan of your passport before the interview.", True),
    ("en", "Passport copy required, pls send pic on viber", True),
    ("en", "Upload a photo of your ID card to book your place.", True),
    ("en", "Your passport will be kept by the employer.", True),
    ("en", "Keep your passport with you at all times.", False),
    ("en", "Never send a copy of your passport before a contract.", False),
    ("en", "A valid passport is required to travel.", False),
    ("en", "Send your CV and a passport-size photo.", False),
    ("en", "Your ID stays with our office until the visa comes.", True),
    ("en", "Bring your passport to sign the contract with the employer.", False),
    ("en", "Bring your passport or ID to the induction for right-to-work checks.", False),
    ("mk", "Пратете копија од пасошот на Вибер.", True),
    ("mk", "Пасошот ќе го чуваме ние.", True),
    ("mk", "Никогаш не праќајте копија од пасошот.", False),
    ("mk", "Патот е бесплатен, пратете слика од пасошот.", True),
    ("sq", "Dërgoni një foto të pasaportës në WhatsApp.", True),
    ("sq", "Pasaportën do ta mbajmë ne.", True),
    ("sq", "Nuk ju kërkojmë kurrë pasaportën.", False),
    ("sq", "Bileta falas, dërgoni foton e pasaportës në WhatsApp.", True),
    ("sr", "Pošaljite kopiju pasoša na Viber.", True),
    ("sr", "Пошаљите слику пасоша на Вибер.", True),
    ("sr", "Nikada ne tražimo vaš pasoš.", False),
    ("sr", "Put i smeštaj besplatni, pošaljite sliku pasoša na Viber.", True),
    ("ar", "أرسل صورة جواز السفر على الواتساب", True),
    ("ar", "ابعت صورة الباسبور ع الواتس", True),
    ("ar", "المطلوب نسخة من جوازك قبل السفر", True),
    ("ar", "الجواز يبقى عند الشركة طول مدة العقد", True),
    ("ar", "ib3at sorit el jawaz 3ala el whatsapp", True),
    ("ar", "لا ترسل صورة جوازك لأي أحد قبل العقد", False),
    ("ar", "احتفظ بجواز سفرك معك دائما", False),
    ("ar", "يرجى إحضار جواز السفر والشهادات عند المقابلة", False),
    ("fa", "عکس پاسپورت را در واتساپ بفرستید", True),
    ("fa", "کاپی تذکره و پاسپورت خود را روان کنید", True),
    ("fa", "پاسپورت شما نزد شرکت نگهداری میشود", True),
    ("fa", "هیچ وقت عکس پاسپورت خود را نفرستید", False),
    ("ps", "د پاسپورټ عکس په واټساپ کې ولېږئ", True),
    ("ps", "د تذکرې کاپي راولېږئ", True),
    ("ps", "خپل پاسپورټ له ځان سره وساتئ", False),
    ("ur", "پاسپورٹ کی کاپی واٹس ایپ پر بھیجیں", True),
    ("ur", "شناختی کارڈ کی تصویر بھیجیں", True),
    ("ur", "passport ki copy whatsapp par bhejo", True),
    ("ur", "پاسپورٹ کی کاپی کسی کو نہ بھیجیں", False),
    ("tr", "Pasaportunuzun fotoğrafını WhatsApp'tan gönderin.", True),
    ("tr", "Kimlik fotokopisi gerekli, hemen yollayın.", True),
    ("tr", "Pasaportunuz işverende kalır.", True),
    ("tr", "Pasaportunuzu kimseye göndermeyin, kendinizde tutun.", False),
    ("fr", "Envoyez une copie de votre passeport sur WhatsApp.", True),
    ("fr", "Photo du passeport à envoyer par Viber pour réserver.", True),
    ("fr", "Votre passeport sera gardé par l'employeur.", True),
    ("fr", "N'envoyez jamais de copie de votre passeport avant un contrat.", False),
    ("fr", "Votre pièce d'identité reste chez l'employeur pendant la saison.", True),
    ("fr", "Travaillez chez nous, passeport valide exigé.", False),
    ("fr", "Merci d'apporter votre passeport et vos diplômes à l'entretien.", False),
]


@pytest.mark.parametrize(
    ("language", "text", "fires"),
    TABLE,
    ids=[f"{lang}-{i}-{'fires' if f else 'quiet'}" for i, (lang, _, f) in enumerate(TABLE)],
)
def test_it_raises_the_passport_flag_for_every_phrasing_of_a_document_handover(
    language: str, text: str, fires: bool
) -> None:
    check = check_offer(Offer(text))
    found = {f.id for f in check.flags}
    assert ("passport" in found) is fires, (text, sorted(found))
    if fires:
        assert check.level is Level.HIGH


def test_the_table_covers_all_ten_languages_both_ways() -> None:
    for language in ("en", "mk", "sq", "sr", "ar", "fa", "ps", "ur", "tr", "fr"):
        outcomes = {fires for lang, _, fires in TABLE if lang == language}
        assert outcomes == {True, False}, language
