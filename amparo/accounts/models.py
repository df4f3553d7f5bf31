"""Users, the organisations they work for, their roles and their API tokens."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError(str(_("A user needs an email address.")))
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in to Amparo: attorney, paralegal, volunteer, advocate or admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True, help_text=_("Sign-in name; stored in lower case."))
    full_name = models.CharField(
        max_length=200, blank=True, help_text=_("Name shown to colleagues.")
    )
    language = models.CharField(
        max_length=8,
        blank=True,
        choices=[("en", "English"), ("es", "Español"), ("ar", "العربية")],
        help_text=_("Language of the pages this person sees; blank follows the browser."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("May use Django's admin site."))
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    def __str__(self) -> str:
        return self.full_name or self.email


# A month: a longer interval would leave a client missing from the locator unsearched for too long.
MAX_LOCATOR_RECHECK_HOURS = 720


def default_locator_recheck_hours() -> int:
    """The installation's default re-check interval for new organisations (24 hours unless the
    operator sets AMPARO_LOCATOR_RECHECK_HOURS)."""
    from django.conf import settings

    return int(getattr(settings, "AMPARO_LOCATOR_RECHECK_HOURS", 24))


class Organisation(BaseModel):
    """A legal organisation; it sees only its own cases."""

    name = models.CharField(max_length=200, help_text=_("The organisation's name."))
    slug = models.SlugField(max_length=60, unique=True, help_text=_("Short name used on the CLI."))
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        help_text=_("IANA time zone in which the organisation's staff read times."),
    )
    require_mfa = models.BooleanField(
        default=False, help_text=_("Members must use a second factor to sign in.")
    )
    locator_recheck_hours = models.PositiveSmallIntegerField(
        default=default_locator_recheck_hours,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LOCATOR_RECHECK_HOURS)],
        help_text=_(
            "Hours after which the team is reminded to search the ICE detainee locator "
            "again for a client whose location is unknown."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    ATTORNEY = "attorney", _("Attorney")
    PARALEGAL = "paralegal", _("Paralegal")
    INTAKE = "intake", _("Intake volunteer")
    ADVOCATE = "advocate", _("Advocacy staff")
    READ_ONLY = "read-only", _("Read-only")


class Membership(BaseModel):
    """A user's place in an organisation, with the role that decides what they may do."""

    Role = MembershipRole

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=20, choices=Role.choices, help_text=_("What this member may do.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_user_and_organisation"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in MembershipRole]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.role}"


class ApiToken(BaseModel):
    """A bearer token for the JSON API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text=_("What the token is used for."))
    prefix = models.CharField(max_length=12, help_text=_("First characters, to recognise a token."))
    key_digest = models.CharField(max_length=64, unique=True, help_text=_("SHA-256 of the token."))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when the token is revoked; it then stops working.")
    )

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
