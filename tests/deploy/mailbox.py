"""An email backend for the multi-process tests: each message a file of its own in
MAILBOX_DIR, written whole (a temporary name, then renamed) so a process killed while
sending leaves either the whole message or nothing. MAILBOX_DELAY seconds before each
message stand for an SMTP server's round trip, so a task emailing a list runs long
enough to be killed in the middle. Django's file backend writes all the messages of one
connection into one file, which cannot be counted message by message this way."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class OneFilePerMessage(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["MAILBOX_DIR"])
        delay = float(os.environ.get("MAILBOX_DELAY", "0"))
        sent = 0
        for message in email_messages:
            if delay:
                time.sleep(delay)
            name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex}"
            partial = folder / f".{name}.tmp"
            partial.write_bytes(message.message().as_bytes())
            os.replace(partial, folder / f"{name}.eml")
            sent += 1
        return sent
