"""Named locks that serialise whole operations (imports) across processes and machines."""

from __future__ import annotations

import zlib

from django.db import connection


def lock_for_transaction(name: str) -> None:
    """Wait until no other transaction holds the lock `name`; held until this one ends.

    Call inside transaction.atomic(). On PostgreSQL this is an advisory
    transaction lock. SQLite needs nothing: its transactions begin IMMEDIATE
    (settings), which already takes the one write lock the database has.
    """
    if connection.vendor == "postgresql":
        key = zlib.crc32(name.encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
