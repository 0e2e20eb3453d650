"""Organisations, members with roles, and what each organisation offers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stepstones.choices import ChoiceLabels

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Kind(models.TextChoices):
    GOVERNMENTAL = "governmental", _("Governmental")
    NON_GOVERNMENTAL = "non_governmental", _("Non-governmental")
    INTERNATIONAL = "international", _("International")


class Sector(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER_POLICE = "border_police", _("Border police")
    SOCIAL_WORK = "social_work", _("Social work")
    HEALTH = "health", _("Health")
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    OUTREACH = "outreach", _("Outreach")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    NATIONAL_COORDINATION = "national_coordination", _("National coordination")


class ServiceKind(models.TextChoices):
    """What a person can be referred for (the service directory's services)."""

    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LEGAL_AID = "legal_aid", _("Legal aid")
    INTERPRETATION = "interpretation", _("Interpretation")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    RETURN_REINTEGRATION = "return_reintegration", _("Return and reintegration")
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    IDENTIFICATION = "identification", _("Formal identification")
    CASE_MANAGEMENT = "case_management", _("Case management")


class HtcdsOrgType(models.TextChoices):
    """HTCDS v2 `org_Type` picklist (IOM, CC BY 4.0), value names exactly as in the standard."""

    NGO = "NGO", _("NGO")
    LAW_ENFORCEMENT = "LawEnforcement", _("Law Enforcement")
    HEALTH = "HealthServiceOrganisation", _("Health Service Organisation")
    CENTRAL_GOVERNMENT = "CentralGovernmentOrganisation", _("Central Government Organisation")
    LOCAL_GOVERNMENT = "LocalGovernmentOrganisation", _("Local Government Organisation")
    IMMIGRATION = "ImmigrationService", _("Immigration Service")
    LEGAL = "LegalService", _("Legal Service")
    CORPORATE = "CorporateBusiness", _("Corporate Business")
    SCHOOL = "SchoolOrCollege", _("School or College")


# Languages offered in the directory: ISO 639-1 codes with their names (the region's languages
# and those most spoken by people on the move through it).
LANGUAGES: dict[str, StrOrPromise] = {
    "mk": _("Macedonian"),
    "sq": _("Albanian"),
    "sr": _("Serbian"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Farsi/Dari"),
    "ps": _("Pashto"),
    "ur": _("Urdu"),
    "bn": _("Bengali"),
    "fr": _("French"),
    "tr": _("Turkish"),
    "rom": _("Romani"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "de": _("German"),
}


class Organisation(ChoiceLabels):
    """An organisation in the network: who it is, where, what it offers, in which languages."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    htcds_type = models.CharField(
        _("HTCDS type"), max_length=40, choices=HtcdsOrgType.choices, blank=True
    )
    sectors = models.JSONField(_("sectors"), default=list, help_text=_("Sector values."))
    region = models.CharField(_("region"), max_length=100)
    municipality = models.CharField(_("municipality"), max_length=100)
    services = models.JSONField(_("services offered"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    contact_hours = models.CharField(_("contact hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    authorised_to_identify = models.BooleanField(
        _("authorised to make formal identification decisions"), default=False
    )
    urgent_response_hours = models.PositiveIntegerField(
        _("hours to answer an urgent referral"), default=24
    )
    normal_response_hours = models.PositiveIntegerField(
        _("hours to answer a normal referral"), default=72
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    def sector_labels(self) -> list[str]:
        return [str(Sector(s).label) for s in self.sectors if s in Sector.values]

    def service_labels(self) -> list[str]:
        return [str(ServiceKind(s).label) for s in self.services if s in ServiceKind.values]

    def language_labels(self) -> list[str]:
        return [str(LANGUAGES.get(code, code)) for code in self.languages]


class Role(models.TextChoices):
    FRONTLINE_WORKER = "frontline_worker", _("Frontline worker")
    CASE_MANAGER = "case_manager", _("Case manager")
    IDENTIFICATION_OFFICER = "identification_officer", _("Identification officer")
    COORDINATOR = "coordinator", _("Coordinator")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    AUDITOR = "auditor", _("Auditor")
    TRAINER = "trainer", _("Trainer")


# Roles that hold cases: open them, see identity, record consent, refer, accept referrals.
CASE_WORKER_ROLES = frozenset(
    {Role.FRONTLINE_WORKER, Role.CASE_MANAGER, Role.IDENTIFICATION_OFFICER}
)
# Roles that pass a second factor (TOTP or a recovery code) after the password: those that read
# identities (the case workers) and those that export (statistics: coordinators, organisation
# admins; an admin also gives roles). docs/security.md, "Two-factor authentication".
SECOND_FACTOR_ROLES = CASE_WORKER_ROLES | {Role.COORDINATOR, Role.ORG_ADMIN}
# Roles that may read their organisation's cases (pseudonymous, no identity) but change nothing.
CASE_READER_ROLES = CASE_WORKER_ROLES | {Role.ORG_ADMIN}


class Membership(ChoiceLabels):
    """A user's place in one organisation, with one role. A user belongs to one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def works_cases(self) -> bool:
        return self.active and self.role in CASE_WORKER_ROLES

    @property
    def reads_cases(self) -> bool:
        return self.active and self.role in CASE_READER_ROLES


class LogoutReason(models.TextChoices):
    """Why a session ended (the `reason` of a `session.logged_out` audit event)."""

    USER = "user", _("logged out by the user")
    IDLE = "idle", _("no activity for too long")
    LIFETIME = "lifetime", _("the session reached its longest lifetime")
    EVERYWHERE = "everywhere", _("logged out everywhere")
    CODES = "codes", _("too many wrong second-factor codes")


class LoginState(models.Model):
    """A user's session generation ("log out everywhere" moves it on, ending every session) and
    the interface language they chose.

    Each session remembers the generation it started in (`stepstones.agencies.sessions`); a
    session whose generation is behind the user's is over. Read with the user in the same query
    (`MembershipBackend.get_user`), so checking it costs no query. A user without a row is at
    generation 0.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="login_state",
    )
    session_generation = models.PositiveIntegerField(default=0)
    # The interface language the user last chose ("" = none yet): a login on any device starts
    # in it (`agencies.account_views`), read with the user like the generation.
    language = models.CharField(max_length=10, blank=True, default="")
    # Wrong second-factor codes in a row (`agencies.second_factor`), and when the last one was
    # typed: AXES_FAILURE_LIMIT of them within AXES_COOLOFF_TIME pause the account's codes. A
    # password login does not clear them (a password success would otherwise reopen the
    # guessing); a right code or `stepstones unlock` does.
    code_failures = models.PositiveIntegerField(default=0)
    code_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login state")

    def __str__(self) -> str:
        return f"{self.user_id}: generation {self.session_generation}"
