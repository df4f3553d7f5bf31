import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import amparo.advocacy.models


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0001_initial"),
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Publication",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, help_text="When Amparo recorded this."),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, help_text="When this record last changed."),
                ),
                (
                    "slug",
                    models.CharField(
                        default=amparo.advocacy.models.new_public_slug,
                        editable=False,
                        help_text="Unguessable part of the public address.",
                        max_length=40,
                        unique=True,
                    ),
                ),
                (
                    "name_as_consented",
                    models.CharField(
                        help_text="The name the client agreed to be shown under, exactly.",
                        max_length=200,
                    ),
                ),
                (
                    "consent_on",
                    models.DateField(help_text="When the client gave consent to publication."),
                ),
                (
                    "consent_given_by",
                    models.CharField(
                        default="the client",
                        help_text="Who consented: the client, or who consented for them and in what capacity.",
                        max_length=200,
                    ),
                ),
                (
                    "consent_note",
                    models.TextField(
                        blank=True,
                        help_text="How consent was given, e.g. signed form, call with interpreter.",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True, help_text="Public text about the case, written for it."
                    ),
                ),
                (
                    "show_facility",
                    models.BooleanField(
                        default=True,
                        help_text="Show the current detention facility on the public page.",
                    ),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When consent was withdrawn; the page is gone from then.",
                        null=True,
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="publications",
                        to="cases.case",
                    ),
                ),
                (
                    "consent_recorded_by",
                    models.ForeignKey(
                        help_text="The member who recorded the consent.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("withdrawn_at__isnull", True)),
                        fields=("case",),
                        name="publication_one_live_per_case",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("withdrawn_at__isnull", True),
                            ("withdrawn_by__isnull", False),
                            _connector="OR",
                        ),
                        name="publication_withdrawal_has_author",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PublicEvent",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, help_text="When Amparo recorded this."),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, help_text="When this record last changed."),
                ),
                ("happened_on", models.DateField()),
                (
                    "text",
                    models.CharField(help_text="What happened, in public words.", max_length=500),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="advocacy.publication",
                    ),
                ),
            ],
            options={
                "ordering": ["happened_on", "created_at"],
            },
        ),
    ]
