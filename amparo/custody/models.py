"""Facilities, ICE field offices and where each client has been held."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel, bounded_text


class FieldOffice(BaseModel):
    """An ICE ERO field office and its area of responsibility (AOR)."""

    code = models.CharField(max_length=3, unique=True, help_text=_("AOR code, e.g. NOL, NEW."))
    name = models.CharField(max_length=120, help_text=_("E.g. New Orleans Field Office."))
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    states = models.JSONField(default=list, blank=True, help_text=_("States of the AOR."))

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Facility(BaseModel):
    """A place ICE holds people, as ICE's detention statistics name it."""

    name = models.CharField(max_length=200)
    aliases = models.JSONField(default=list, blank=True, help_text=_("Short names people use."))
    ice_code = models.CharField(max_length=20, blank=True, help_text=_("ICE DETLOC code."))
    address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    county_fips = models.CharField(
        max_length=5, blank=True, help_text=_("5-digit county FIPS code.")
    )
    county_note = bounded_text(1000, _("How the county was placed, when that needs checking."))
    site_note = bounded_text(
        2000,
        _(
            "Where the site spans counties or districts, with its source; shown as a "
            "warning with the venue."
        ),
    )
    state = models.CharField(max_length=2, blank=True, help_text=_("USPS state code."))
    zip_code = models.CharField(max_length=10, blank=True)
    facility_type = models.CharField(max_length=20, blank=True, help_text=_("IGSA, SPC, CDF, …"))
    field_office = models.ForeignKey(
        FieldOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="facilities"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text=_("Where this row came from."))
    source_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("facilities")
        constraints = [
            models.UniqueConstraint(
                fields=["ice_code"], condition=~Q(ice_code=""), name="facility_ice_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone_name(self) -> str:
        """The facility's time zone, from its state and county (49 CFR Part 71)."""
        from amparo.custody.rules.time_zones import zone_for_place

        return zone_for_place(self.state, self.county).zone or ""


class Placement(BaseModel):
    """A stay of the client at one facility; a transfer is a new placement."""

    class Source(models.TextChoices):
        LOCATOR = "locator", _("ICE online detainee locator")
        CLIENT = "client", _("Client")
        FAMILY = "family", _("Family")
        ATTORNEY = "attorney", _("Attorney")
        AGENCY_NOTICE = "agency-notice", _("Agency notice")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="placements")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="placements")
    started_at = models.DateTimeField(help_text=_("When the client arrived (best known)."))
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when moved or released.")
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    observed_at = models.DateTimeField(help_text=_("When the team learned of this placement."))

    class Meta:
        ordering = ["started_at"]
        # The home page's placements recorded in the last 24 hours, newest first.
        indexes = [models.Index(fields=["created_at"], name="placement_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="placement_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True),
                name="placement_one_current_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} from {self.started_at:%Y-%m-%d}"
