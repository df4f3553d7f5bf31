"""Writes about privacy waivers, congressional inquiries, allies, statements and public pages:
keyword-only, in one transaction with their audit event."""

from amparo.advocacy.services.inquiries import (
    follow_up_add,
    inquiry_open,
    inquiry_respond,
    inquiry_send,
    waiver_record,
)
from amparo.advocacy.services.public import (
    public_event_add,
    publication_create,
    publication_withdraw,
)
from amparo.advocacy.services.statements import (
    ally_add,
    ally_contact_add,
    statement_edit,
    statement_record,
)

__all__ = [
    "ally_add",
    "ally_contact_add",
    "follow_up_add",
    "inquiry_open",
    "inquiry_respond",
    "inquiry_send",
    "public_event_add",
    "publication_create",
    "publication_withdraw",
    "statement_edit",
    "statement_record",
    "waiver_record",
]
