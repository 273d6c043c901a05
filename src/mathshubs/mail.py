"""Sending many emails at once: one connection (one SMTP session) for a whole list, in
batches, so a task that emails thousands neither opens thousands of connections nor holds
every message in memory. Used by every app's emails.

In a queued task (`mathshubs worker`), each message is marked once sent
(mathshubs.ops.leases), and a run of the same task after its worker died skips the
messages marked: each email goes once however often the task is put back, except one
handed to the mail server in the instant before its mark was written, which goes again
with the same Message-ID."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from email.utils import parseaddr
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

BATCH = 200


def site_url(path: str) -> str:
    """The absolute address of a path on this site, for an email's links."""
    return settings.SITE_URL.rstrip("/") + path


def _mark_key(message: EmailMessage, seen: Counter[str]) -> str:
    """The same message of the same task run again has the same key: its recipients and
    subject, and how many such messages came before it in the task."""
    who = "|".join(
        ",".join(sorted(addresses)) for addresses in (message.to, message.cc, message.bcc)
    )
    digest = hashlib.sha256(f"{who}|{message.subject}".encode()).hexdigest()[:32]
    seen[digest] += 1
    return f"mail:{digest}:{seen[digest]}"


def _message_id(task_id: str | None, key: str) -> str:
    """The same Message-ID each time a task sends the same message: a message sent again
    (its worker killed after handing it over, before marking it) is the same message to
    mail servers and programs, which show it once."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "mathshubs"
    return f"<{task_id}.{key.replace(':', '.')}@{domain}>"


def send_all(messages: Iterable[EmailMessage]) -> int:
    """Send the messages through one open connection; returns how many went (in a task run
    again after its worker died: how many went this time)."""
    from mathshubs.ops import leases

    sent = 0
    connection = get_connection()
    connection.open()
    try:
        it = iter(messages)
        if leases.current_task_id() is None:
            while batch := list(islice(it, BATCH)):
                sent += connection.send_messages(batch) or 0
            return sent
        task_id = leases.current_task_id()
        done, seen = leases.task_marks("mail:"), Counter[str]()
        for message in it:
            key = _mark_key(message, seen)
            if key in done:
                continue
            message.extra_headers.setdefault("Message-ID", _message_id(task_id, key))
            sent += connection.send_messages([message]) or 0
            leases.task_mark(key)
    finally:
        connection.close()
    return sent
