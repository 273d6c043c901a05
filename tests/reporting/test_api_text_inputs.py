"""A region named with a NUL character is refused (422), not a server error: PostgreSQL
cannot hold a NUL in text, and the region went straight into a query (found by the API
fuzzing, tests/fuzz/, on PostgreSQL)."""

from __future__ import annotations

import pytest

from mathshubs.api_problems import NUL_REFUSED
from tests.conftest import client_for


@pytest.mark.parametrize(
    "what", ["figures", "figures.csv", "figures/engaged", "figures/engaged/rows.csv"]
)
def test_a_region_with_a_nul_character_is_refused(cast, what):
    response = client_for(cast.nadia).get(f"/api/v1/reports/2023-24/{what}?region=North%00West")
    assert response.status_code == 422
    assert response.json() == {"message": NUL_REFUSED}
