"""Every English text the checker shows, marked with N_() so gettext can extract it.

The Django layer translates a message with `gettext(msgid) % params`. Translations into the
languages of the offers (Macedonian, Albanian, Serbian) are data, in data/texts.yaml, keyed by the
same message key, so the advice can be shown in the job seeker's language whatever the page's
language is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark `message` for translation and return it unchanged."""
    return message


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: a stable key, the English msgid and its parameters."""

    key: str
    msgid: str
    params: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def english(self) -> str:
        """Return the English text with its parameters filled in."""
        return self.msgid % dict(self.params) if self.params else self.msgid


EXPLANATIONS: dict[str, str] = {
    "fee": N_(
        "The offer asks the worker to pay a fee, deposit or cost to get the job, the visa or the "
        "travel. Fair employers and agencies never charge workers for recruitment."
    ),
    "passport": N_(
        "The offer asks for a passport or identity card to be handed over, kept by someone else or "
        "sent before any contract. Nobody but the authorities should hold your documents."
    ),
    "debt": N_(
        "Costs are to be deducted from the wages, repaid, or the pay is held back. Debts to an "
        "employer are a common way to keep workers from leaving."
    ),
    "movement_limits": N_(
        "The offer limits the worker's phone, movement, days off or visitors. A worker must stay "
        "free to move, to call and to leave."
    ),
    "money_reversed": N_(
        "Money flows the wrong way: the worker is to buy equipment, cash cheques, handle payments "
        "or parcels for the employer. This is a known scam pattern."
    ),
    "pay_too_good": N_(
        "High pay is promised for work that needs no experience, language or skills. Pay far "
        "above the market is the most common lure."
    ),
    "anonymous_contact": N_(
        "The only contact is a mobile number, a messaging app or a free e-mail address, which "
        "nobody can check. A real employer has a company address, website or landline."
    ),
    "travel_arranged": N_(
        "Travel, tickets, visa or work permit for work abroad are arranged by the 'employer'. "
        "People who control the journey can control the worker at arrival."
    ),
    "looks_requirements": N_(
        "The offer asks for a certain age, sex or looks, or for photos of the body. Real jobs "
        "rarely need this; it is common in recruitment for sexual exploitation."
    ),
    "risky_job_abroad": N_(
        "Hostess, dancer, model, massage, club, babysitting or care work abroad is often used to "
        "lure people. Check the employer especially carefully."
    ),
    "personal_data": N_(
        "Bank, card or identity numbers are asked for before any interview or contract. They can "
        "be misused."
    ),
    "no_experience": N_(
        "No experience, language or documents are needed. Alone this is common, but together "
        "with other signs it is part of the usual lure."
    ),
    "housing_provided": N_(
        "Accommodation is provided by the employer. Alone this is common, but it makes the worker "
        "depend on the employer; ask who pays for it and whether you can leave it."
    ),
    "no_employer": N_(
        "The offer names no checkable employer: no company form, registration number or address. "
        "Without them you cannot check who you would work for."
    ),
    "urgency": N_(
        "The offer pushes you to decide or leave quickly. Pressure leaves no time to check."
    ),
    "vague_job": N_(
        "The job, the employer or the place are vague, or the details are only given in private. "
        "You cannot check what you cannot see."
    ),
    "reported_duplicate": N_(
        "This offer is nearly the same as one reported as deceptive on %(date)s by an "
        "organisation of kind %(kind)s."
    ),
}

ADVICE: dict[str, str] = {
    "fee": N_("Do not pay anything to get a job. Ask who pays recruitment, visa and travel costs."),
    "passport": N_("Keep your passport and ID yourself. Do not send copies before a contract."),
    "debt": N_(
        "Ask for the full wage in writing, with every deduction named, before you travel. Do not "
        "accept a loan from the employer or agent."
    ),
    "movement_limits": N_(
        "Do not accept a job where someone keeps your phone or you may not go out."
    ),
    "money_reversed": N_("Never move money, cheques or parcels for an employer."),
    "pay_too_good": N_(
        "Compare the pay with the usual pay for this work in that country. Ask why it is so high."
    ),
    "anonymous_contact": N_(
        "Ask for the company's full name, address and landline, and check them yourself."
    ),
    "travel_arranged": N_(
        "Ask for the employer's name and address abroad and the work permit in your name before "
        "you travel. Keep your ticket and documents yourself."
    ),
    "looks_requirements": N_(
        "Ask why looks or age matter for this job. Do not send photos of your body."
    ),
    "risky_job_abroad": N_(
        "Ask for the exact workplace and employer, and check them with a hotline before you go."
    ),
    "personal_data": N_("Do not give bank, card or ID numbers before you have a contract."),
    "no_experience": N_("Ask what exactly the work is, where, and for how many hours."),
    "housing_provided": N_(
        "Ask who pays for the accommodation and whether you may live elsewhere."
    ),
    "no_employer": N_(
        "Ask for the employer's registered name, registration number and address, and look them "
        "up in the official business register."
    ),
    "urgency": N_("Take your time. A real offer is still there after you have checked it."),
    "vague_job": N_("Ask for the job, the employer and the place in writing."),
    "reported_duplicate": N_(
        "Do not answer this offer before you have talked to a hotline or an organisation you trust."
    ),
}

PRINCIPLE_TITLES: dict[str, str] = {
    "fee": N_("Employer pays: no recruitment fees or costs for workers"),
    "passport": N_("Workers keep their identity documents"),
    "debt": N_("Wages paid in full; no debt bondage"),
    "movement_limits": N_("Freedom of movement and communication"),
    "money_reversed": N_("Online recruitment fraud"),
    "pay_too_good": N_("No deception about wages"),
    "anonymous_contact": N_("Transparent, checkable recruiters"),
    "travel_arranged": N_("No deception about travel, visas and legal status"),
    "looks_requirements": N_("No recruitment by abuse of vulnerability"),
    "risky_job_abroad": N_("High-risk work abroad needs checking"),
    "personal_data": N_("Confidentiality and data protection"),
    "no_experience": N_("No deception about the nature of the job"),
    "housing_provided": N_("No dependency on the employer"),
    "no_employer": N_("Terms and employer verifiable in writing"),
    "urgency": N_("Time to decide freely"),
    "vague_job": N_("No deception about the job and its place"),
    "reported_duplicate": N_("Organised recruitment reuses templates"),
}

LEVELS: dict[str, str] = {
    "high": N_(
        "High risk: this offer shows strong signs of deceptive recruitment. Do not go, pay or send "
        "documents before talking to a hotline."
    ),
    "medium": N_(
        "Medium risk: this offer has warning signs. Check the points below before you answer."
    ),
    "low": N_(
        "Low risk: no strong warning signs found. That does not prove the offer is safe: still "
        "check the employer and get a written contract."
    ),
}

SEEKER_GENERAL: tuple[tuple[str, str], ...] = (
    ("seeker.contract", N_("Get a written contract in a language you read before you travel.")),
    (
        "seeker.family",
        N_("Tell family or friends where you go, and agree a code word for trouble."),
    ),
    ("seeker.hotline", N_("Call a hotline below: they can check the employer for free.")),
)

WORKER_GENERAL: tuple[tuple[str, str], ...] = (
    (
        "worker.walk_through",
        N_("Go through each sign with the person; the decision stays theirs."),
    ),
    (
        "worker.verify",
        N_("Offer to check the employer together, by the register or through a hotline."),
    ),
    (
        "worker.already_left",
        N_(
            "If the person has already paid, handed over documents or travelled, use the quick "
            "screen and consider a referral."
        ),
    ),
    (
        "worker.report",
        N_(
            "If you think the offer is deceptive, log in and report it so copies of it are flagged."
        ),
    ),
)

MODEL_NOTE = N_(
    "A statistical model trained on English job-scam ads gives %(percent)s%% probability of a "
    "scam. It knows nothing about trafficking; the signs above matter more."
)

ERRORS: dict[str, str] = {
    "empty": N_("The offer is empty: paste the text of the job offer."),
    "binary": N_("The offer is not text (it looks like a binary file): paste the offer's text."),
    "too_long": N_(
        "The offer is %(length)s characters long; the limit is %(limit)s characters per offer. "
        "Paste only the offer."
    ),
    "encoding": N_("The offer is not valid UTF-8 text: save it as UTF-8 and try again."),
}
