"""Small helpers the activity tests share."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError


def refused(call, message: str, field: str | None = None, **kwargs) -> ValidationError:
    """Run a service that must refuse, and check it says `message` (a constant, formatted)."""
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    messages = info.value.message_dict if hasattr(info.value, "error_dict") else {}
    if field is not None:
        assert message in messages.get(field, []), messages
    else:
        assert message in info.value.messages, info.value.messages
    return info.value
