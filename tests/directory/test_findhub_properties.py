"""Whatever anyone types into find your hub, they get an answer, never an error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathshubs.directory.findhub import find_hub

pytestmark = pytest.mark.django_db


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_text_gets_matches_or_a_message(cast, query):
    result = find_hub(query)
    assert result.matches or result.message
    assert len(result.query) <= 100


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.from_regex(r"[A-Z]{1,2}[0-9]{1,2}[A-Z]? ?[0-9][A-Z]{2}", fullmatch=True))
def test_any_postcode_shaped_query_gets_matches_or_a_message(cast, query):
    result = find_hub(query)
    assert result.matches or result.message
