"""A second hub's activity beside the cast's, for the figures' pages and downloads."""

from __future__ import annotations

import pytest

from tests import factories as f


@pytest.fixture
def counted(cast):
    """Leo's Work Group (North) in 2023/24 with North Primary; a South activity with
    South Primary and a participant named for the drill-down."""
    south = f.ActivityFactory(hub=cast.south, academic_year=2023, ncp=cast.mastery_readiness)
    f.ActivitySchoolFactory(activity=south, institution=cast.south_school)
    southerly = f.PersonFactory(last_name="Southerly", institution=cast.south_school)
    f.ParticipationFactory(activity=south, person=southerly)
    return south
