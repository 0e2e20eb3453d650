"""People, the identity vault, consent, overrides, cases and assessments.

Case fields follow the IOM Human Trafficking Case Data Standard v2 (HTCDS, CC BY 4.0): where the
standard has a field, `HTCDS_FIELDS` names it, and picklist values are the standard's value names.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from stepstones.agencies.models import Organisation
from stepstones.cases.fields import EncryptedTextField
from stepstones.choices import ChoiceLabels

_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"  # no look-alikes (0/O, 1/I, 2/Z, 5/S, 8/B)


def new_case_code() -> str:
    """Return a fresh pseudonymous code such as `SC-7KQM-4XAP` (carries no personal data)."""
    body = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"SC-{body[:4]}-{body[4:]}"


class Gender(models.TextChoices):
    """HTCDS `prs_Gender`."""

    FEMININE = "Feminine", _("Feminine")
    MASCULINE = "Masculine", _("Masculine")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender Feminine")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender Masculine")
    NON_CONFORMING = "NonConforming", _("Non-Conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not Specified/Unknown")


class Person(models.Model):
    """A person, known everywhere by a pseudonymous code; identity lives in the vault."""

    code = models.CharField(_("case code"), max_length=16, unique=True, default=new_case_code)
    gender = models.CharField(
        _("gender"), max_length=30, choices=Gender.choices, default=Gender.UNKNOWN
    )
    is_child = models.BooleanField(_("under 18"), default=False)
    citizenship = models.JSONField(_("citizenship (ISO 3166)"), default=list, blank=True)
    primary_language = models.CharField(_("primary language (ISO 639)"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.code


# Keys of the identity record; each is an "identity field" a referral may share.
IDENTITY_KEYS: dict[str, StrOrPromise] = {
    "names": _("Names (with spellings in other scripts)"),
    "birthdate": _("Date of birth"),
    "documents": _("Documents"),
    "contacts": _("Contacts"),
    "addresses": _("Addresses"),
    "notes": _("Notes"),
}


class IdentityVault(models.Model):
    """The person's identifying data, encrypted at rest (see `cases.vault`).

    The decrypted record is a dict with the keys of IDENTITY_KEYS: `names` (list of
    `{"script", "value"}`), `birthdate` (ISO date or ""), `documents` (list of
    `{"type", "number", "country"}`), `contacts` (list of text), `addresses` (list of text),
    `notes` (text). Read it only through `cases.access.read_identity`, which audits the read.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="vault")
    token = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identity vault record")

    def __str__(self) -> str:
        return f"vault of {self.person_id}"


class Stage(models.TextChoices):
    SCREENING = "screening", _("Screening")
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim (referred for identification)")
    IDENTIFIED = "identified", _("Identified as a victim")
    NOT_IDENTIFIED = "not_identified", _("Not identified as a victim")
    ASSISTANCE = "assistance", _("Assistance")
    CLOSED = "closed", _("Closed")


OPEN_STAGES = frozenset(s for s in Stage if s != Stage.CLOSED)

# The lifecycle: which stage may follow which. Identification decisions have their own action.
NEXT_STAGES: dict[str, frozenset[str]] = {
    Stage.SCREENING: frozenset({Stage.POSSIBLE_VICTIM, Stage.ASSISTANCE, Stage.CLOSED}),
    Stage.POSSIBLE_VICTIM: frozenset({Stage.IDENTIFIED, Stage.NOT_IDENTIFIED, Stage.CLOSED}),
    Stage.IDENTIFIED: frozenset({Stage.ASSISTANCE, Stage.CLOSED}),
    Stage.NOT_IDENTIFIED: frozenset({Stage.ASSISTANCE, Stage.CLOSED}),
    Stage.ASSISTANCE: frozenset({Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
}


class CaseKind(models.TextChoices):
    TRAFFICKING = "trafficking", _("Possible trafficking")
    SMUGGLING_PROTECTION = "smuggling_protection", _("Smuggling with protection needs")


class TraffickingStatus(models.TextChoices):
    """HTCDS `vic_TraffickingStatus`."""

    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible victim of trafficking")
    ACTUAL = "ActualVictimOfTrafficking", _("Actual victim of trafficking")
    NOT_A_VICTIM = "NotAVictimOfTrafficking", _("Not a victim of trafficking")


class DecisionMakingOrg(models.TextChoices):
    """HTCDS `vic_TraffickingStatusDecisionMakingOrg`."""

    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT = "CourtOrProsecution", _("Court or prosecution")
    NON_POLICE_GOV = "NonPoliceGovernmentalOrganization", _("Non-police governmental organization")
    OTHER = "Other", _("Other")


class TypeOfExploitation(models.TextChoices):
    """HTCDS `vic_TypeOfExploitation`."""

    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = "ForcedMilitaryByNonStateActors", _("Forced military (by non-state actors)")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")


class MethodOfControl(models.TextChoices):
    """HTCDS `vic_MethodsOfControl`."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threatens children/family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL = "RestrictsFinancialAccess", _("Restricts financial access")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE = "PsychoactiveSubstance", _("Psychoactive substance")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other")


class MethodOfRecruitment(models.TextChoices):
    """HTCDS `vic_MethodOfRecruitment`."""

    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    ONLINE_SOCIAL = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_AD = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TV_AD = "ThroughATelevisionAdvert", _("Through a television advert")
    NEWSPAPER_AD = "ThroughANewspaperAdvert", _("Through a newspaper advert")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class ClosureReason(models.TextChoices):
    """Why a case closed; HTCDS keeps the reason as free text (`cas_ReasonForCaseClosure`)."""

    ASSISTANCE_COMPLETED = "assistance_completed", _("Assistance completed")
    NO_INDICATORS = "no_indicators", _("No trafficking indicators or protection needs")
    PERSON_DECLINED = "person_declined", _("The person declined assistance")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    MOVED_ON = "moved_on", _("The person moved on (another country)")
    RETURNED_HOME = "returned_home", _("Returned home")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


# Our field -> the HTCDS v2 field it stores (for export/import and the field labels).
HTCDS_FIELDS: dict[str, str] = {
    "person.gender": "prs_Gender",
    "person.citizenship": "prs_Citizenship",
    "person.primary_language": "prs_PrimaryLanguage",
    "case.trafficking_status": "vic_TraffickingStatus",
    "case.decision_making_org": "vic_TraffickingStatusDecisionMakingOrg",
    "case.type_of_exploitation": "vic_TypeOfExploitation",
    "case.methods_of_control": "vic_MethodsOfControl",
    "case.method_of_recruitment": "vic_MethodOfRecruitment",
    "case.closure_note": "cas_ReasonForCaseClosure",
    "case.case_owner": "cas_CaseOwner",
    "case.htcds_status": "cas_Status",
}


class Case(ChoiceLabels):
    """One case of one person, held by exactly one accountable organisation at every moment."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(
        _("kind"), max_length=30, choices=CaseKind.choices, default=CaseKind.TRAFFICKING
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.SCREENING
    )
    accountable_org = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="accountable_cases"
    )
    case_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case owner"),
    )
    opened_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # The newest screening's outcome, kept with the case so the list filters on it in one query
    # (set by `actions.record_assessment`; "" before any screening).
    last_outcome = models.CharField(max_length=60, blank=True, default="")
    type_of_exploitation = models.JSONField(_("type of exploitation"), default=list, blank=True)
    methods_of_control = models.JSONField(_("methods of control"), default=list, blank=True)
    method_of_recruitment = models.JSONField(_("method of recruitment"), default=list, blank=True)
    # Free text is encrypted at rest like the identity record (cases.fields, issue 17 §4).
    summary = EncryptedTextField(
        _("summary (no names)"),
        blank=True,
        help_text=_("What happened, without names, addresses or other identifying details."),
    )
    # Formal identification (only an identification officer of an authorised organisation).
    trafficking_status = models.CharField(
        _("trafficking status"),
        max_length=40,
        choices=TraffickingStatus.choices,
        default=TraffickingStatus.POSSIBLE,
    )
    decision_making_org = models.CharField(
        _("decision-making organisation"),
        max_length=40,
        choices=DecisionMakingOrg.choices,
        blank=True,
    )
    identification_date = models.DateField(_("identification date"), null=True, blank=True)
    identification_basis = EncryptedTextField(_("basis of the decision"), blank=True)
    identified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    identified_by_org = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closure"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    closure_note = EncryptedTextField(_("closure note"), blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["accountable_org", "stage", "-updated_at"]),
            # The case list: an organisation's cases newest first, whatever the stages asked.
            models.Index(fields=["accountable_org", "-updated_at", "-id"]),
            # Partner cases: walk all cases newest first and probe the referral index.
            models.Index(fields=["-updated_at", "-id"]),
        ]
        verbose_name = _("case")

    def __str__(self) -> str:
        return f"{self.person.code} ({self.get_stage_display()})"

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def htcds_status(self) -> str:
        """HTCDS `cas_Status`: Active while open, Closed after."""
        return "Closed" if self.stage == Stage.CLOSED else "Active"

    def exploitation_labels(self) -> list[str]:
        return [str(TypeOfExploitation(v).label) for v in self.type_of_exploitation]

    def control_labels(self) -> list[str]:
        return [str(MethodOfControl(v).label) for v in self.methods_of_control]

    def recruitment_labels(self) -> list[str]:
        return [str(MethodOfRecruitment(v).label) for v in self.method_of_recruitment]


class Custody(models.Model):
    """A period during which one organisation was accountable for a case (the chain's links)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="custody")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField()
    until = models.DateTimeField(null=True, blank=True)
    via_referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            # At most one open custody period per case: the database itself keeps the chain whole.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(until__isnull=True), name="one_open_custody"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} held by {self.organisation_id}"


class Purpose(models.TextChoices):
    """What personal data is shared for (consent and referrals name one)."""

    ASSISTANCE = "assistance", _("Assistance and services")
    IDENTIFICATION = "identification", _("Formal identification")
    CASE_TRANSFER = "case_transfer", _("Transfer of case responsibility")
    RETURN = "return", _("Return and reintegration")
    LEGAL = "legal", _("Legal proceedings and legal aid")


class HowGiven(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")
    GUARDIAN = "guardian", _("By a guardian (for a child)")


class Consent(ChoiceLabels):
    """The person's consent to share their data with one organisation for one purpose."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    given_on = models.DateField(_("date given"))
    language = models.CharField(_("language of the explanation"), max_length=8)
    how_given = models.CharField(_("how given"), max_length=10, choices=HowGiven.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"consent {self.purpose} -> {self.recipient_id}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class LegalGround(models.TextChoices):
    CHILD_BEST_INTERESTS = "child_best_interests", _("The best interests of a child")
    DANGER_TO_LIFE = "danger_to_life", _("Danger to life")


class SharingOverride(ChoiceLabels):
    """Sharing without consent, on a named legal ground; always shown on the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="overrides")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    legal_ground = models.CharField(_("legal ground"), max_length=30, choices=LegalGround.choices)
    justification = EncryptedTextField(_("justification"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"override {self.legal_ground} -> {self.recipient_id}"


class Assessment(ChoiceLabels):
    """One screening as it was: the facts given, the engine's result, the catalogue's version."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    facts = models.JSONField()
    result = models.JSONField()
    catalogue_version = models.CharField(max_length=80)
    outcome = models.CharField(max_length=60)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"assessment {self.pk} of case {self.case_id}: {self.outcome}"


class CaseNote(models.Model):
    """A worker's note on a case, encrypted at rest like the identity record.

    A note may hold what the person said, so its text never sits in plain form in the database
    (`token` is a vault token of `{"text": ...}`) and never enters the audit log. Who reads it:
    the organisation that wrote it, and the organisation accountable for the case now.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_username = models.CharField(max_length=150)
    written_at = models.DateTimeField()
    token = models.TextField()

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["case", "-written_at", "-id"], name="case_notes_newest")]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


class SavedFilter(models.Model):
    """A case-list filter a worker named to use again (the list's query string, nothing more)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.query}"
