"""How every API endpoint answers a service's refusal: 422 with the first message and
every message by field, so a program can show each beside its field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def validation_problem(exc: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return 422, {"message": exc.messages[0], "errors": errors}
