"""Writes about organisations, members and API tokens."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from amparo.accounts.models import ApiToken, Membership, Organisation, User
from amparo.audit.services import audit_record, audit_record_for_user
from amparo.core.services import check_editable, validated_save

TOKEN_PREFIX = "amp_"


@transaction.atomic
def organisation_create(*, name: str, slug: str | None = None) -> Organisation:
    """Create an organisation; the slug is derived from the name and made unique."""
    base = slugify(slug or name)[:50] or "organisation"
    candidate, n = base, 1
    while Organisation.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    organisation = Organisation(name=name.strip(), slug=candidate)
    validated_save(organisation)
    audit_record(
        actor=None,
        action="organisation.create",
        organisation=organisation,
        obj=organisation,
        changed_fields=["name", "slug"],
    )
    return organisation


@transaction.atomic
def organisation_require_mfa(
    *, organisation: Organisation, required: bool, actor: User | None = None
) -> Organisation:
    """Require (or stop requiring) TOTP from every member; members without it are sent to set
    it up at their next request (amparo.accounts.middleware.RequireMfaMiddleware)."""
    organisation.require_mfa = required
    validated_save(organisation, update_fields=["require_mfa"])
    audit_record(
        actor=actor,
        action="organisation.require_mfa",
        organisation=organisation,
        obj=organisation,
        changed_fields=["require_mfa"],
    )
    return organisation


@transaction.atomic
def user_create(
    *,
    email: str,
    organisation: Organisation,
    role: str,
    password: str,
    full_name: str = "",
    check_password: bool = True,
) -> User:
    """Create a user (or add an existing one) as a member of the organisation with a role."""
    if role not in Membership.Role.values:
        raise ValidationError(
            {
                "role": _("Unknown role; use one of: %(roles)s.")
                % {"roles": ", ".join(Membership.Role.values)}
            }
        )
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name)
        if check_password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
        validated_save(user)
    _membership_create(actor=None, user=user, organisation=organisation, role=role)
    return user


def _membership_create(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"email": _("This person is already a member of the organisation.")})
    membership = Membership(user=user, organisation=organisation, role=role)
    validated_save(membership)
    audit_record(
        actor=actor,
        action="membership.create",
        organisation=organisation,
        obj=membership,
        changed_fields=["user", "role"],
    )
    return membership


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create an API token; the raw token is returned once and only its digest is stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:12], key_digest=_digest(raw))
    validated_save(token)
    for org_id in user.memberships.values_list("organisation_id", flat=True):
        audit_record(actor=user, action="token.create", organisation=org_id, obj=token)
    return token, raw


def token_user(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None if unknown or revoked."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Record use at most once a minute; a write per API call would serialise SQLite.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    for org_id in token.user.memberships.values_list("organisation_id", flat=True):
        audit_record(actor=token.user, action="token.revoke", organisation=org_id, obj=token)


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Remember the language a member chose in the header; blank follows the browser again."""
    if language not in dict(User._meta.get_field("language").choices or []) and language:
        raise ValidationError({"language": _("Choose English, Spanish or Arabic.")})
    user.language = language
    user.save(update_fields=["language"])
    audit_record_for_user(
        actor=user, action="user.language", subject=user, changed_fields=["language"]
    )
    return user


ORGANISATION_SETTINGS = ("name", "time_zone", "locator_recheck_hours")


@transaction.atomic
def organisation_settings_update(
    *, actor: User | None, organisation: Organisation, **changes: object
) -> Organisation:
    """Change the organisation's name, time zone or locator re-check interval (the admin's
    settings page and `PATCH /api/v1/organisation`). Only the fields given change."""
    check_editable(changes, ORGANISATION_SETTINGS)
    if "time_zone" in changes and str(changes["time_zone"]) not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
    for name, value in changes.items():
        setattr(organisation, name, value)
    changed = sorted(changes)
    if changed:
        validated_save(organisation, update_fields=changed)
        if "time_zone" in changed:
            # The reports' days and months of sending are the organisation's.
            from amparo.relief.reporting import reported_requests_refresh

            reported_requests_refresh(organisation=organisation.id)
        audit_record(
            actor=actor,
            action="organisation.settings",
            organisation=organisation,
            obj=organisation,
            changed_fields=changed,
        )
    return organisation


def password_set_path(user: User) -> str:
    """The one-time address where `user` chooses a password (Django's reset token, through
    allauth's page; it lapses after PASSWORD_RESET_TIMEOUT and once the password is set)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.urls import reverse

    key = default_token_generator.make_token(user)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )


@transaction.atomic
def member_add(
    *, actor: User, organisation: Organisation, email: str, role: str, full_name: str = ""
) -> tuple[Membership, bool]:
    """Add a colleague by email with a role (the admin's members page). A new account gets no
    password: the admin hands them the address of `password_set_path`. Returns the membership
    and whether the account is new."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    is_new = user is None
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        validated_save(user)
    membership = _membership_create(actor=actor, user=user, organisation=organisation, role=role)
    return membership, is_new


def _keep_an_admin(membership: Membership) -> None:
    """Refuse to take the organisation's last admin out of the admin role."""
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if membership.role == Membership.Role.ADMIN and not others.exists():
        raise ValidationError(
            {"role": _("The organisation needs at least one admin: make someone else admin first.")}
        )


@transaction.atomic
def member_role_set(*, actor: User, membership: Membership, role: str) -> Membership:
    """Change what a member may do; the organisation always keeps one admin."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == role:
        return locked
    _keep_an_admin(locked)
    locked.role = role
    validated_save(locked, update_fields=["role"])
    audit_record(
        actor=actor,
        action="membership.role",
        organisation=locked.organisation_id,
        obj=locked,
        changed_fields=["role"],
    )
    return locked


@transaction.atomic
def member_remove(*, actor: User, membership: Membership) -> None:
    """Take a member out of the organisation (their account and what they wrote stay); the
    organisation always keeps one admin."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    _keep_an_admin(locked)
    audit_record(
        actor=actor,
        action="membership.delete",
        organisation=locked.organisation_id,
        obj=locked,
        changed_fields=["user", "role"],
    )
    locked.delete()
