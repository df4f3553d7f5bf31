"""Congressional offices and inquiries, allied organisations and public statements."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel, bounded_text


def recipient_key(text: str) -> str:
    """How two office names are compared: case- and space-insensitive."""
    return " ".join(text.split()).casefold()


class CongressionalOffice(BaseModel):
    """A Member of Congress and the office that does their casework (public reference data,
    loaded from the congress-legislators YAML files by `amparo congress import`)."""

    class Chamber(models.TextChoices):
        HOUSE = "house", _("House")
        SENATE = "senate", _("Senate")

    bioguide_id = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The member's Biographical Directory id; blank for offices entered by hand."),
    )
    member_name = models.CharField(max_length=200)
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    state = models.CharField(max_length=2)
    district = models.CharField(max_length=10, blank=True, help_text=_("House district number."))
    party = models.CharField(max_length=40, blank=True)
    caseworker = models.CharField(max_length=200, blank=True)
    email = models.EmailField(
        blank=True, help_text=_("Caseworker e-mail, when the office gives one.")
    )
    caseworker_emails = models.JSONField(
        default=list, blank=True, help_text=_("Further caseworker e-mail addresses.")
    )
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True, help_text=_("Washington office."))
    contact_form = models.URLField(blank=True, max_length=300)
    website = models.URLField(blank=True, max_length=300)
    district_offices = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Offices in the state or district: city, address, phone, as published."),
    )

    class Meta:
        ordering = ["state", "chamber", "member_name"]

    def __str__(self) -> str:
        title = "Sen." if self.chamber == self.Chamber.SENATE else "Rep."
        seat = f"{self.state}-{self.district}" if self.district else self.state
        return f"{title} {self.member_name} ({seat})"


class Waiver(BaseModel):
    """The client's written consent for one named recipient to receive their records.

    Consent under the Privacy Act is specific to its recipient (5 U.S.C. § 552a(b)): a waiver
    naming one office unblocks inquiries to that office only.
    """

    class Form(models.TextChoices):
        DHS_60_001 = "dhs-60-001", _("DHS Form 60-001 naming the office")
        MEMBER_FORM = "member-form", _("The member's own release form")

    class SignedBy(models.TextChoices):
        CLIENT = "client", _("The client")
        GUARDIAN = "guardian", _("A guardian")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="waivers")
    member = models.ForeignKey(
        CongressionalOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member's office the waiver names, when loaded."),
    )
    recipient = models.CharField(
        max_length=200,
        help_text=_("The recipient as the waiver names it, e.g. the member's office."),
    )
    form = models.CharField(max_length=20, choices=Form.choices)
    signed_on = models.DateField()
    signed_by = models.CharField(max_length=10, choices=SignedBy.choices)
    signer_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The guardian's name and capacity, if not the client."),
    )
    scope = bounded_text(2000, _("What the recipient may receive, as the form puts it."))
    signed_copy = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed form, kept as an evidence document."),
    )

    class Meta:
        ordering = ["signed_on", "created_at"]

    def __str__(self) -> str:
        return f"Privacy waiver for {self.recipient}"

    def names(self, *, member_id: object, recipient: str) -> bool:
        """Whether this waiver covers a recipient (the same member, or the same office text)."""
        if self.member_id is not None and self.member_id == member_id:
            return True
        return recipient_key(self.recipient) == recipient_key(recipient)


class Inquiry(BaseModel):
    """A congressional inquiry to ICE on the client's behalf."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        INFORMATION = "information", _("Information provided")
        CUSTODY_REVIEW = "custody-review", _("Custody review granted")
        RELEASED = "released", _("Released")
        DECLINED = "declined", _("Declined")
        NO_RESPONSE = "no-response", _("No response")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PORTAL = "portal", _("Office's web form")
        PHONE = "phone", _("Phone")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in-person", _("In person")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="inquiries")
    office = models.ForeignKey(
        CongressionalOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member whose office makes the inquiry, when loaded."),
    )
    recipient = models.CharField(
        max_length=200, help_text=_("The office, as the team names it in letters.")
    )
    caseworker = models.CharField(max_length=200, blank=True)
    asked_for = bounded_text(5000, _("What the office is asked to ask ICE, e.g. a custody review."))
    waiver = models.ForeignKey(
        Waiver,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        help_text=_("The waiver naming this office, set when the inquiry is sent."),
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    response_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    summary = bounded_text(5000, _("What the office or ICE answered."))

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = _("inquiries")
        constraints = [
            # ICE shares nothing with a Member's office without the client's consent naming it.
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(waiver__isnull=False),
                name="inquiry_sent_needs_waiver",
            ),
            models.CheckConstraint(
                condition=Q(response_at__isnull=True)
                | (Q(sent_at__isnull=False) & Q(response_at__gte=F("sent_at"))),
                name="inquiry_response_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"Inquiry via {self.recipient}"

    @property
    def waiver_signed_on(self) -> datetime.date | None:
        return self.waiver.signed_on if self.waiver_id and self.waiver else None


class FollowUp(BaseModel):
    """A chaser sent to the office or ICE about an inquiry."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="follow_ups")
    at = models.DateTimeField()
    note = models.CharField(max_length=500)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Follow-up {self.at:%Y-%m-%d}"


class AdvocacyOrganisation(BaseModel):
    """A civil-rights or community organisation that speaks up for clients."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="allies",
        help_text=_("The Amparo organisation that keeps this contact."),
    )
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    contact = models.CharField(
        max_length=200, blank=True, help_text=_("The main contact, in brief.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AllyContact(BaseModel):
    """A person at an allied organisation."""

    ally = models.ForeignKey(
        AdvocacyOrganisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text=_("E.g. press officer."))
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Statement(BaseModel):
    """Something said in public or on the record about the case, including 'declined to comment'."""

    class AuthorKind(models.TextChoices):
        CLIENT = "client", _("The client")
        FAMILY = "family", _("A family member")
        ORGANISATION = "organisation", _("An allied organisation")
        OFFICIAL = "official", _("An official")
        AGENCY = "agency", _("The agency")

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press-release", _("Press release")
        LETTER = "letter", _("Letter")
        SOCIAL_POST = "social-post", _("Social media post")
        INTERVIEW = "interview", _("Interview")
        DECLINED_TO_COMMENT = "declined-to-comment", _("Declined to comment")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="statements")
    author_kind = models.CharField(max_length=20, choices=AuthorKind.choices)
    advocacy_organisation = models.ForeignKey(
        AdvocacyOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, help_text=_("Who spoke, as credited."))
    kind = models.CharField(max_length=30, choices=Kind.choices)
    said_at = models.DateTimeField()
    language = models.CharField(
        max_length=35, default="en", help_text=_("BCP 47 tag, e.g. en, es.")
    )
    text = bounded_text(20000)
    url = models.URLField(blank=True, max_length=500)
    answers = models.JSONField(
        default=list,
        blank=True,
        help_text=_("The case events the statement answers, as timeline references."),
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Not to be shown on the public page or in exports before this moment."),
    )
    publicity_consent = models.BooleanField(
        default=False, help_text=_("The client consented to public use of this statement.")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["said_at"]
        # The timeline's newest statements of a case, as for notes (`cases.timeline`).
        indexes = [
            models.Index(fields=["case", "said_at", "id"], name="statement_case_timeline_idx"),
        ]
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

    def clean(self) -> None:
        # An embargo holds back what was said until a later moment; one that ends before the
        # statement was made is a typing mistake (often the day), not an embargo.
        if self.embargo_until and self.said_at and self.embargo_until < self.said_at:
            raise ValidationError(
                {"embargo_until": _("The embargo cannot end before the statement was made.")}
            )


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
        help_text=_("Unguessable part of the public address."),
    )
    name_as_consented = models.CharField(
        max_length=200, help_text=_("The name the client agreed to be shown under, exactly.")
    )
    consent_on = models.DateField(help_text=_("When the client gave consent to publication."))
    consent_given_by = models.CharField(
        max_length=200,
        default="the client",
        help_text=_("Who consented: the client, or who consented for them and in what capacity."),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The member who recorded the consent."),
    )
    consent_note = bounded_text(
        2000, _("How consent was given, e.g. signed form, call with interpreter.")
    )
    summary = bounded_text(5000, _("Public text about the case, written for it."))
    show_facility = models.BooleanField(
        default=True, help_text=_("Show the current detention facility on the public page.")
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When consent was withdrawn; the page is gone from then."),
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
    text = models.CharField(max_length=500, help_text=_("What happened, in public words."))

    class Meta:
        ordering = ["happened_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.text[:60]}"
