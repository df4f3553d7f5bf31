"""Sign-in, sign-out and failed sign-in events.

House style keeps business rules out of signals. These receivers hold none: Django's auth
framework announces sign-ins only through these signals (django-allauth, the admin, `login()`
and `authenticate()` all send them), so they are the framework's hook, and each receiver only
appends an audit event.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from amparo.accounts.backends import attempted_email
from amparo.accounts.models import User
from amparo.audit.services import audit_record_for_user


@receiver(user_logged_in, dispatch_uid="amparo_audit_login")
def record_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if isinstance(user, User):
        audit_record_for_user(actor=user, action="auth.login", subject=user)


@receiver(user_logged_out, dispatch_uid="amparo_audit_logout")
def record_logout(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if isinstance(user, User):
        audit_record_for_user(actor=user, action="auth.logout", subject=user)


@receiver(user_login_failed, dispatch_uid="amparo_audit_login_failed")
def record_login_failed(
    sender: Any, credentials: dict[str, Any] | None = None, request: Any = None, **kwargs: Any
) -> None:
    # The typed address is not stored: it may be a client's or a mistyped stranger's. The event
    # names the account it matched, if any, so its organisation sees attempts on its members.
    email = attempted_email(request, credentials)
    subject = User.objects.filter(email=email).first() if email else None
    audit_record_for_user(actor=None, action="auth.login_failed", subject=subject)
