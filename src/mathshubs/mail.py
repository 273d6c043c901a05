"""Sending many emails at once: one connection (one SMTP session) for a whole list, in
batches, so a task that emails thousands neither opens thousands of connections nor holds
every message in memory. Used by every app's emails."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

BATCH = 200


def site_url(path: str) -> str:
    """The absolute address of a path on this site, for an email's links."""
    return settings.SITE_URL.rstrip("/") + path


def send_all(messages: Iterable[EmailMessage]) -> int:
    """Send the messages through one open connection; returns how many went."""
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        it = iter(messages)
        while batch := list(islice(it, BATCH)):
            sent += connection.send_messages(batch) or 0
    finally:
        connection.close()
    return sent
