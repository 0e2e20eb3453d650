"""Keep the job-offer checker's English texts visible to Django's message extraction.

The pure package (`stepstones.recruitment.messages`) marks its texts with `N_`, which
`makemessages` does not know; this module lists them inside `gettext_noop(...)` so the interface
catalogues carry them, and a test (tests/offers/test_msgids.py) fails when the two drift apart.
The person-facing ones are translated from `recruitment/data/texts.yaml` where it has them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

MSGIDS = [
    gettext_noop(
        "A statistical model trained on English job-scam ads gives %(percent)s%% probability "
        "of a scam. It knows nothing about trafficking; the signs above matter more."
    ),
    gettext_noop(
        "Accommodation is provided by the employer. Alone this is common, but it makes the "
        "worker depend on the employer; ask who pays for it and whether you can leave it."
    ),
    gettext_noop("Ask for the company's full name, address and landline, and check them yourself."),
    gettext_noop(
        "Ask for the employer's name and address abroad and the work permit in your name "
        "before you travel. Keep your ticket and documents yourself."
    ),
    gettext_noop(
        "Ask for the employer's registered name, registration number and address, and look "
        "them up in the official business register."
    ),
    gettext_noop(
        "Ask for the exact workplace and employer, and check them with a hotline before you go."
    ),
    gettext_noop(
        "Ask for the full wage in writing, with every deduction named, before you travel. Do "
        "not accept a loan from the employer or agent."
    ),
    gettext_noop("Ask for the job, the employer and the place in writing."),
    gettext_noop("Ask what exactly the work is, where, and for how many hours."),
    gettext_noop("Ask who pays for the accommodation and whether you may live elsewhere."),
    gettext_noop("Ask why looks or age matter for this job. Do not send photos of your body."),
    gettext_noop(
        "Bank, card or identity numbers are asked for before any interview or contract. They "
        "can be misused."
    ),
    gettext_noop("Call a hotline below: they can check the employer for free."),
    gettext_noop(
        "Compare the pay with the usual pay for this work in that country. Ask why it is so high."
    ),
    gettext_noop("Confidentiality and data protection"),
    gettext_noop(
        "Costs are to be deducted from the wages, repaid, or the pay is held back. Debts to "
        "an employer are a common way to keep workers from leaving."
    ),
    gettext_noop("Do not accept a job where someone keeps your phone or you may not go out."),
    gettext_noop(
        "Do not answer this offer before you have talked to a hotline or an organisation you trust."
    ),
    gettext_noop("Do not give bank, card or ID numbers before you have a contract."),
    gettext_noop(
        "Do not pay anything to get a job. Ask who pays recruitment, visa and travel costs."
    ),
    gettext_noop("Employer pays: no recruitment fees or costs for workers"),
    gettext_noop("Freedom of movement and communication"),
    gettext_noop("Get a written contract in a language you read before you travel."),
    gettext_noop("Go through each sign with the person; the decision stays theirs."),
    gettext_noop(
        "High pay is promised for work that needs no experience, language or skills. Pay far "
        "above the market is the most common lure."
    ),
    gettext_noop(
        "High risk: this offer shows strong signs of deceptive recruitment. Do not go, pay or"
        " send documents before talking to a hotline."
    ),
    gettext_noop("High-risk work abroad needs checking"),
    gettext_noop(
        "Hostess, dancer, model, massage, club, babysitting or care work abroad is often used"
        " to lure people. Check the employer especially carefully."
    ),
    gettext_noop(
        "If the person has already paid, handed over documents or travelled, use the quick "
        "screen and consider a referral."
    ),
    gettext_noop(
        "If you think the offer is deceptive, log in and report it so copies of it are flagged."
    ),
    gettext_noop("Keep your passport and ID yourself. Do not send copies before a contract."),
    gettext_noop(
        "Low risk: no strong warning signs found. That does not prove the offer is safe: "
        "still check the employer and get a written contract."
    ),
    gettext_noop(
        "Medium risk: this offer has warning signs. Check the points below before you answer."
    ),
    gettext_noop(
        "Money flows the wrong way: the worker is to buy equipment, cash cheques, handle "
        "payments or parcels for the employer. This is a known scam pattern."
    ),
    gettext_noop("Never move money, cheques or parcels for an employer."),
    gettext_noop("No deception about the job and its place"),
    gettext_noop("No deception about the nature of the job"),
    gettext_noop("No deception about travel, visas and legal status"),
    gettext_noop("No deception about wages"),
    gettext_noop("No dependency on the employer"),
    gettext_noop(
        "No experience, language or documents are needed. Alone this is common, but together "
        "with other signs it is part of the usual lure."
    ),
    gettext_noop("No recruitment by abuse of vulnerability"),
    gettext_noop("Offer to check the employer together, by the register or through a hotline."),
    gettext_noop("Online recruitment fraud"),
    gettext_noop("Organised recruitment reuses templates"),
    gettext_noop("Take your time. A real offer is still there after you have checked it."),
    gettext_noop("Tell family or friends where you go, and agree a code word for trouble."),
    gettext_noop("Terms and employer verifiable in writing"),
    gettext_noop(
        "The job, the employer or the place are vague, or the details are only given in "
        "private. You cannot check what you cannot see."
    ),
    gettext_noop(
        "The offer asks for a certain age, sex or looks, or for photos of the body. Real jobs"
        " rarely need this; it is common in recruitment for sexual exploitation."
    ),
    gettext_noop(
        "The offer asks for a passport or identity card to be handed over, kept by someone "
        "else or sent before any contract. Nobody but the authorities should hold your "
        "documents."
    ),
    gettext_noop(
        "The offer asks the worker to pay a fee, deposit or cost to get the job, the visa or "
        "the travel. Fair employers and agencies never charge workers for recruitment."
    ),
    gettext_noop(
        "The offer is %(length)s characters long; the limit is %(limit)s characters per "
        "offer. Paste only the offer."
    ),
    gettext_noop("The offer is empty: paste the text of the job offer."),
    gettext_noop("The offer is not text (it looks like a binary file): paste the offer's text."),
    gettext_noop("The offer is not valid UTF-8 text: save it as UTF-8 and try again."),
    gettext_noop(
        "The offer limits the worker's phone, movement, days off or visitors. A worker must "
        "stay free to move, to call and to leave."
    ),
    gettext_noop(
        "The offer names no checkable employer: no company form, registration number or "
        "address. Without them you cannot check who you would work for."
    ),
    gettext_noop(
        "The offer pushes you to decide or leave quickly. Pressure leaves no time to check."
    ),
    gettext_noop(
        "The only contact is a mobile number, a messaging app or a free e-mail address, which"
        " nobody can check. A real employer has a company address, website or landline."
    ),
    gettext_noop(
        "This offer is nearly the same as one reported as deceptive on %(date)s by an "
        "organisation of kind %(kind)s."
    ),
    gettext_noop("Time to decide freely"),
    gettext_noop("Transparent, checkable recruiters"),
    gettext_noop(
        "Travel, tickets, visa or work permit for work abroad are arranged by the 'employer'."
        " People who control the journey can control the worker at arrival."
    ),
    gettext_noop("Wages paid in full; no debt bondage"),
    gettext_noop("Workers keep their identity documents"),
]

# The hotlines' names and notes (recruitment/data/hotlines.yaml): shown in the page's language.
HOTLINE_MSGIDS = [
    gettext_noop("ASTRA SOS hotline (Serbia)"),
    gettext_noop("Anti-trafficking and migration helpline (Albania)"),
    gettext_noop("Emergency number 112 (every EU country)"),
    gettext_noop("Government hotline against human trafficking (Ukraine)"),
    gettext_noop("Hilfetelefon Gewalt gegen Frauen (Germany)"),
    gettext_noop("La Strada / Open Gate SOS line (North Macedonia)"),
    gettext_noop("La Strada Ukraine hotline"),
    gettext_noop("Numero Verde Antitratta (Italy)"),
    gettext_noop("YİMER 157, Foreigners Communication Centre (Türkiye)"),
    gettext_noop(
        "anti-trafficking SOS line; also checks job offers abroad and whether a foreign "
        "employer exists"
    ),
    gettext_noop("for calls within Ukraine; from abroad +380 44 284 19 15"),
    gettext_noop("for immediate danger; free from any phone"),
    gettext_noop(
        "for women; free, anonymous, 24/7, in 18 languages; advises on all forms of "
        "violence, human trafficking included"
    ),
    gettext_noop(
        "free, 24/7; emergency line for victims of human trafficking; answers in Turkish,"
        " English, Arabic, Persian and Russian (Pashto and German were added at times); "
        "from abroad +90 312 157 11 12"
    ),
    gettext_noop(
        "free, anonymous, 24/7, multilingual staff; national anti-trafficking line of the"
        " Department for Equal Opportunities"
    ),
]
