"""Congressional offices and inquiries, allied organisations and public statements."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from amparo.core.models import BaseModel


class CongressionalOffice(BaseModel):
    """A Member of Congress's office that does casework (public reference data)."""

    class Chamber(models.TextChoices):
        HOUSE = "house", "House"
        SENATE = "senate", "Senate"

    member_name = models.CharField(max_length=200)
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    state = models.CharField(max_length=2)
    district = models.CharField(max_length=10, blank=True, help_text="House district number.")
    caseworker = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["state", "chamber", "member_name"]

    def __str__(self) -> str:
        title = "Sen." if self.chamber == self.Chamber.SENATE else "Rep."
        seat = f"{self.state}-{self.district}" if self.district else self.state
        return f"{title} {self.member_name} ({seat})"


class Inquiry(BaseModel):
    """A congressional inquiry to ICE on the client's behalf."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        INFORMATION = "information", "Information provided"
        CUSTODY_REVIEW = "custody-review", "Custody review granted"
        RELEASED = "released", "Released"
        DECLINED = "declined", "Declined"
        NO_RESPONSE = "no-response", "No response"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="inquiries")
    office = models.ForeignKey(CongressionalOffice, on_delete=models.PROTECT, related_name="+")
    waiver_signed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the client signed the ICE Form 60-001 privacy waiver (5 U.S.C. § 552a(b)).",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    response_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "inquiries"
        constraints = [
            # ICE shares nothing with a Member's office without the signed Form 60-001.
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(waiver_signed_on__isnull=False),
                name="inquiry_sent_needs_waiver",
            ),
            models.CheckConstraint(
                condition=Q(response_at__isnull=True)
                | (Q(sent_at__isnull=False) & Q(response_at__gte=F("sent_at"))),
                name="inquiry_response_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"Inquiry via {self.office}"


class AdvocacyOrganisation(BaseModel):
    """A civil-rights or community organisation that speaks up for clients."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="allies",
        help_text="The Amparo organisation that keeps this contact.",
    )
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    contact = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Statement(BaseModel):
    """Something said in public or on the record about the case, including 'declined to comment'."""

    class AuthorKind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        PERSON = "person", "Person"
        AGENCY = "agency", "Agency"

    class Kind(models.TextChoices):
        PRESS_STATEMENT = "press-statement", "Press statement"
        LETTER = "letter", "Letter"
        SOCIAL_POST = "social-post", "Social media post"
        QUOTE = "quote", "Quote"
        DECLINED_TO_COMMENT = "declined-to-comment", "Declined to comment"
        OTHER = "other", "Other"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="statements")
    author_kind = models.CharField(max_length=20, choices=AuthorKind.choices)
    advocacy_organisation = models.ForeignKey(
        AdvocacyOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text="Who spoke, as credited.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    said_at = models.DateTimeField()
    text = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)
    publicity_consent = models.BooleanField(
        default=False, help_text="The client consented to public use of this statement."
    )

    class Meta:
        ordering = ["said_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_kind="organisation") | Q(advocacy_organisation__isnull=False),
                name="statement_organisation_author_named",
            ),
            models.CheckConstraint(
                condition=~Q(kind="declined-to-comment") | Q(author_kind="agency"),
                name="statement_declined_is_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.get_kind_display()}"


def new_public_slug() -> str:
    """24 URL-safe characters from 144 random bits: a public page cannot be found by guessing."""
    return secrets.token_urlsafe(18)


class Publication(BaseModel):
    """A case published as a public advocacy page, with the client's recorded consent.

    The page shows only what is here or explicitly public: the name the client consented to, the
    facility (if allowed), the public summary, public events, and statements the client consented
    to. Withdrawing consent takes the page down at once; publishing again needs a new consent and
    gets a new address.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="publications")
    slug = models.CharField(
        max_length=40,
        unique=True,
        default=new_public_slug,
        editable=False,
        help_text="Unguessable part of the public address.",
    )
    name_as_consented = models.CharField(
        max_length=200, help_text="The name the client agreed to be shown under, exactly."
    )
    consent_on = models.DateField(help_text="When the client gave consent to publication.")
    consent_given_by = models.CharField(
        max_length=200,
        default="the client",
        help_text="Who consented: the client, or who consented for them and in what capacity.",
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member who recorded the consent.",
    )
    consent_note = models.TextField(
        blank=True, help_text="How consent was given, e.g. signed form, call with interpreter."
    )
    summary = models.TextField(blank=True, help_text="Public text about the case, written for it.")
    show_facility = models.BooleanField(
        default=True, help_text="Show the current detention facility on the public page."
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When consent was withdrawn; the page is gone from then."
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(withdrawn_at__isnull=True),
                name="publication_one_live_per_case",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_by__isnull=False),
                name="publication_withdrawal_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"Public page for {self.case_id}"


class PublicEvent(BaseModel):
    """A timeline entry written for the public page; nothing else from the case appears there."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="events")
    happened_on = models.DateField()
    text = models.CharField(max_length=500, help_text="What happened, in public words.")

    class Meta:
        ordering = ["happened_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.text[:60]}"
