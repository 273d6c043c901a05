"""Personal API tokens (services): shown once, stored hashed, revoked by their owner only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mathshubs.accounts import services
from mathshubs.accounts.api_auth import hash_token
from mathshubs.accounts.models import ApiToken
from tests import factories as f


def test_a_token_is_stored_only_as_its_hash(db):
    user = f.UserFactory()
    new = services.api_token_create(user=user, name="  Reporting  ")
    row = ApiToken.objects.get()
    assert row.name == "Reporting"
    assert row.token_hash == hash_token(new.secret)
    assert new.secret not in (row.token_hash, row.prefix)
    assert new.secret.startswith(row.prefix)
    assert len(new.secret) > 40


def test_a_token_needs_a_name(db):
    with pytest.raises(ValidationError) as exc:
        services.api_token_create(user=f.UserFactory(), name="  ")
    assert exc.value.messages == [services.TOKEN_NAME_REQUIRED]


def test_someone_elses_token_cannot_be_revoked(db):
    owner, other = f.UserFactory(), f.UserFactory()
    new = services.api_token_create(user=owner, name="Mine")
    with pytest.raises(ValidationError) as exc:
        services.api_token_revoke(user=other, token_id=new.token.pk)
    assert exc.value.messages == [services.TOKEN_NOT_FOUND]
    assert ApiToken.objects.get().revoked_at is None
    services.api_token_revoke(user=owner, token_id=new.token.pk)
    assert ApiToken.objects.get().revoked_at is not None
