"""Reference data sets: records published by others (CTDC), kept apart from our cases.

A reference data set gives the regional or global picture beside the network's own figures. Its
records are never cases: nothing links them to a person, an organisation or a referral, and no
case query reads them. They pass the same disclosure control when shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceDataset(models.Model):
    """One imported reference data set; importing one of the same name replaces it whole."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    source = models.CharField(_("source file"), max_length=300)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("reference data set")

    def __str__(self) -> str:
        return self.name


class ReferenceRecord(models.Model):
    """One row of a CTDC victim-perpetrator data set, with CTDC's own codes.

    `None` in a yes/no field and "" in a text field mean "not recorded" (CTDC leaves them blank).
    A text field holding several values keeps CTDC's ";"-joined form (`Female;Male`).
    """

    dataset = models.ForeignKey(ReferenceDataset, on_delete=models.CASCADE, related_name="records")
    year_register = models.CharField(max_length=9, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    majority_status = models.CharField(max_length=10, blank=True)
    forced_labour = models.BooleanField(null=True)
    sexual_exploit = models.BooleanField(null=True)
    citizenship_region = models.CharField(max_length=40, blank=True)
    exploitation_region = models.CharField(max_length=40, blank=True)
    perpetrator_exploiter = models.BooleanField(null=True)
    perpetrator_gender = models.CharField(max_length=20, blank=True)
    perpetrator_age = models.CharField(max_length=60, blank=True)
    perpetrator_citizenship_region = models.CharField(max_length=80, blank=True)
    perpetrator_relation = models.CharField(max_length=80, blank=True)
    paid_perpetrator = models.CharField(max_length=10, blank=True)
    perpetrator_recruiter = models.BooleanField(null=True)
    perpetrator_transaction = models.BooleanField(null=True)
    perpetrator_control = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("reference record")

    def __str__(self) -> str:
        return f"reference record {self.pk} of {self.dataset_id}"
