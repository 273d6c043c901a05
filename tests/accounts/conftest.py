from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The step-1 lookup counters live in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


def code_from_outbox(to: str) -> str:
    """The code in the last email sent to this address: the line that is six digits."""
    messages = [m for m in mail.outbox if to.lower() in [a.lower() for a in m.to]]
    assert messages, f"no email was sent to {to}"
    match = re.search(r"^(\d{6})$", messages[-1].body, re.MULTILINE)
    assert match, f"no code on a line of its own in: {messages[-1].body}"
    return match.group(1)
