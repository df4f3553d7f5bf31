"""New random ids (version 4 UUIDs) for rows written in bulk, made thousands at a time.

The bulk writers (`core.bulk`) and the importers set every new row's id in Python, so no id is
read back from the database. Apart from the writers because the importers draw ids themselves
(a new case's, its client's) before any row is written.
"""

from __future__ import annotations

import os
import uuid

# Random (version 4) UUIDs made from one read of the system's randomness per thousands of ids:
# ``uuid.uuid4()`` reads it once per id, a fifth of an import's time once the rest was fast.
_VERSION_4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_VERSION_4_SET = (0x8000 << 48) | (4 << 76)
_ids: list[uuid.UUID] = []
_hex_ids: list[str] = []


def _forget_drawn() -> None:
    """A forked worker must not hand out its parent's ids: it draws its own. (Asked of the
    process id at every id instead, the system call was half of what making an id cost.)"""
    _ids.clear()
    _hex_ids.clear()


os.register_at_fork(after_in_child=_forget_drawn)


def new_id() -> uuid.UUID:
    """A new random UUID, as ``uuid.uuid4()`` makes it (RFC 4122 version 4), only faster."""
    if not _ids:
        data = os.urandom(16 * 4096)
        whole, make, set_ = int.from_bytes, object.__new__, object.__setattr__
        unknown = uuid.SafeUUID.unknown
        for at in range(0, len(data), 16):
            value = make(uuid.UUID)
            set_(value, "int", whole(data[at : at + 16]) & _VERSION_4_CLEAR | _VERSION_4_SET)
            set_(value, "is_safe", unknown)
            _ids.append(value)
    return _ids.pop()


# The version 4 bits of a UUID's bytes: its 7th byte's high half is 4, its 9th's top bits 10.
_VERSION_BYTE = bytes((b & 0x0F) | 0x40 for b in range(256))
_VARIANT_BYTE = bytes((b & 0x3F) | 0x80 for b in range(256))


def new_hex_id() -> str:
    """``new_id().hex``: a new random version 4 UUID as SQLite holds it (32 hex digits),
    thousands made at once from one read of the system's randomness, the bits set on every
    16th byte at a time (``bytes.translate``) rather than per id in Python."""
    if not _hex_ids:
        data = bytearray(os.urandom(16 * 4096))
        data[6::16] = data[6::16].translate(_VERSION_BYTE)
        data[8::16] = data[8::16].translate(_VARIANT_BYTE)
        text = data.hex()
        _hex_ids.extend([text[at : at + 32] for at in range(0, len(text), 32)])
    return _hex_ids.pop()
