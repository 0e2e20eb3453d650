"""What is stored to find the same person across organisations: encodings, keys, pairs.

No column here holds a name, a date or any other identity value: an `LinkEncoding` is a keyed
Bloom filter (`stepstones.linkage`), a `BlockKey` a keyed 16-hex-digit hash; both are
meaningless without the network secret, which is not in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation
from stepstones.cases.models import Case, Person


class LinkEncoding(models.Model):
    """One name of a person, encoded (a person with aliases or several scripts has several).

    `bits`: the XOR-folded keyed Bloom filter (128 bytes) of the name, birth date, sex and
    citizenship; `date_level`: 0 no date, 1 an estimated year, 2 a full date; `arabic`: the name
    was written in Arabic script (its filter has no vowels to compare); `secret`: the
    fingerprint of the network secret that made it (`stepstones.linkage.fingerprint`).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    bits = models.BinaryField(max_length=128)
    date_level = models.PositiveSmallIntegerField()
    arabic = models.BooleanField(default=False)
    secret = models.CharField(max_length=12)
    encoded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("matching encoding")

    def __str__(self) -> str:
        return f"encoding {self.pk} of person {self.person_id}"


class BlockKey(models.Model):
    """A keyed blocking key of an encoding: a new registration is compared only with the
    encodings sharing one of its look-up keys, never with everyone."""

    encoding = models.ForeignKey(LinkEncoding, on_delete=models.CASCADE, related_name="blocks")
    key = models.CharField(max_length=16)

    class Meta:
        indexes = [models.Index(fields=["key", "encoding"], name="link_block_key")]

    def __str__(self) -> str:
        return self.key


class PairStatus(models.TextChoices):
    OPEN = "open", _("Waiting for both holders")
    LINKED = "linked", _("Linked: the same person")
    REJECTED = "rejected", _("Rejected: not the same person")


class PossibleDuplicate(models.Model):
    """Two cases of two organisations that may be the same person (unordered: a < b).

    Each side's holder (the case's accountable organisation, at the time it answers) confirms
    or rejects; the pair is linked when both sides confirmed, and rejected, for good, as soon as
    one side rejects. A pair is never made twice: a rejected one stays to say so.
    """

    case_a = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    case_b = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    status = models.CharField(max_length=10, choices=PairStatus.choices, default=PairStatus.OPEN)
    found_at = models.DateTimeField()
    a_confirmed_at = models.DateTimeField(null=True, blank=True)
    a_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    b_confirmed_at = models.DateTimeField(null=True, blank=True)
    b_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejected_by_org = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case_a", "case_b"], name="one_pair_per_two_cases"),
            models.CheckConstraint(
                condition=models.Q(case_a__lt=models.F("case_b")), name="pair_ordered"
            ),
        ]
        verbose_name = _("possible duplicate")

    def __str__(self) -> str:
        return f"pair {self.case_a_id}/{self.case_b_id} ({self.status})"

    def side_of(self, case_id: int) -> str:
        """Return "a" or "b": which side the case is."""
        return "a" if case_id == self.case_a_id else "b"
