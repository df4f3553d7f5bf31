"""The rows the reports read: each sent request as one narrow row, and the agency's answers
counted per office and request type. Derived from the ledger (`relief.models`) and written only
by `relief.reporting`, in the transaction of each write to it; apart from the ledger because no
one edits them and an organisation's export leaves them out."""

from __future__ import annotations

from django.db import models


class ReportedRequest(models.Model):
    """A sent request as the reports count it: one narrow row per request with a submission
    time, its decision's outcome and turnaround, and the organisation's local day and month of
    sending. Written by `relief.reporting` in the transaction of every write to the request or
    its decision, and rebuilt from them by `amparo reports rebuild`; never edited by hand.

    Reports over a million decisions read only these rows, through indexes that hold every
    column a report needs, in the order it groups them (docs/benchmarks.md, "Reports"). The
    ids are plain columns, not foreign keys: the row is derived, so an organisation's export
    leaves it out and a restore or import rebuilds it."""

    request_id = models.UUIDField(primary_key=True)
    organisation_id = models.UUIDField()
    case_id = models.UUIDField()
    request_type_id = models.UUIDField()
    field_office_id = models.UUIDField(null=True)
    # The office the reports name: the field office, else the addressee, else "Unknown office".
    office = models.CharField(max_length=200)
    status = models.CharField(max_length=20)
    submitted_at = models.DateTimeField()
    submitted_on = models.DateField()  # in the organisation's time zone
    submitted_month = models.CharField(max_length=7)  # 'YYYY-MM' in the organisation's zone
    outcome = models.CharField(max_length=20, blank=True)  # '' while undecided
    reasons_given = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True)
    turnaround_minutes = models.IntegerField(null=True)  # as Decision.turnaround_minutes

    class Meta:
        indexes = [
            # Turnaround, denials and agency answers: grouped by office and type, the minutes
            # in order for the percentiles, every other column they read at the end.
            models.Index(
                fields=[
                    "organisation_id",
                    "office",
                    "request_type_id",
                    "turnaround_minutes",
                    "outcome",
                    "reasons_given",
                    "case_id",
                    "submitted_on",
                    "field_office_id",
                    "status",
                ],
                name="reported_by_office",
            ),
            # Outcomes by month.
            models.Index(
                fields=[
                    "organisation_id",
                    "submitted_month",
                    "office",
                    "request_type_id",
                    "outcome",
                    "case_id",
                    "submitted_on",
                    "field_office_id",
                ],
                name="reported_by_month",
            ),
            # Each case's first answer (arrest to first decision).
            models.Index(
                fields=[
                    "organisation_id",
                    "case_id",
                    "decided_at",
                    "outcome",
                    "office",
                    "field_office_id",
                    "request_type_id",
                    "submitted_on",
                ],
                name="reported_by_case",
            ),
            models.Index(fields=["case_id"], name="reported_case"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.submitted_month} {self.outcome or self.status}"


class AnswerCounts(models.Model):
    """The agency's answers (granted, partly granted, denied: those with a turnaround) to an
    organisation's requests of one type to one office, counted from `ReportedRequest` rows by
    `relief.reporting`, in the transaction of every write to those rows."""

    organisation_id = models.UUIDField()
    office = models.CharField(max_length=200)
    request_type_id = models.UUIDField()
    answers = models.IntegerField()
    denied = models.IntegerField()
    denied_without_reasons = models.IntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.office} {self.answers}"


class ReportedCaseAnswers(AnswerCounts):
    """The answers of one case's requests of one type to one office; a row only while there is
    one. It keeps `ReportedAnswers.cases` exact: a case counts in its group while it has a row
    here."""

    case_id = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "office", "request_type_id", "case_id"],
                name="reported_case_answers_key",
            )
        ]
        indexes = [models.Index(fields=["case_id"], name="reported_case_answers_case")]


class ReportedAnswers(AnswerCounts):
    """Per organisation, office and request type, the answers and how many cases had one: what
    the turnaround report shows over all of an organisation's requests, read as a row per group
    instead of a pass over a million `ReportedRequest` rows (docs/benchmarks.md)."""

    cases = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "office", "request_type_id"],
                name="reported_answers_key",
            )
        ]
