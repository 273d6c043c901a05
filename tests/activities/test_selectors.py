"""Reads that depend on who asks, and finding schools: the messages people see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mathshubs.activities import selectors
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def institution_error(ref, hub=None) -> list[str]:
    with pytest.raises(ValidationError) as info:
        selectors.institution_by_ref(ref, hub=hub)
    return info.value.message_dict["institution"]


def test_access_activity_hides_what_you_may_not_see_and_refuses_what_you_may_not_change(cast):
    with pytest.raises(Http404, match=selectors.ACTIVITY_NOT_FOUND):
        selectors.access_activity(user=cast.simon, activity_id=cast.activity.pk)
    with pytest.raises(PermissionDenied, match=selectors.MANAGE_FORBIDDEN):
        selectors.access_activity(user=cast.leo, activity_id=cast.activity.pk, manage=True)
    assert selectors.access_activity(user=cast.harriet, activity_id=cast.activity.pk, manage=True)


def test_schools_are_found_by_urn_or_exact_name(cast):
    assert selectors.institution_by_ref(str(cast.north_school.urn)) == cast.north_school
    assert selectors.institution_by_ref("  north   PRIMARY ") == cast.north_school


def test_a_school_that_is_not_there_says_what_to_do(cast):
    assert institution_error("") == [selectors.SCHOOL_REQUIRED]
    assert institution_error("123") == [selectors.NO_SCHOOL_WITH_URN.format(urn="123")]
    assert institution_error("Nowhere School") == [
        selectors.NO_SCHOOL_WITH_NAME.format(name="Nowhere School")
    ]


def test_a_shared_name_needs_the_urn_unless_one_of_them_is_in_the_hub(cast):
    f.InstitutionFactory(name="St Mary's Primary", hub=cast.north)
    f.InstitutionFactory(name="St Mary's Primary", hub=cast.south)
    message = selectors.SEVERAL_SCHOOLS_WITH_NAME.format(count=2, name="St Mary's Primary")
    assert institution_error("St Mary's Primary") == [message]
    assert selectors.institution_by_ref("St Mary's Primary", hub=cast.north).hub == cast.north


def test_the_api_says_why_it_refuses(cast):
    base = f"/api/v1/activities/{cast.activity.pk}"
    assert client_for(cast.simon).get(base).json()["message"] == selectors.ACTIVITY_NOT_FOUND
    leo = client_for(cast.leo).post(base + "/complete", data={}, content_type="application/json")
    assert leo.json()["message"] == selectors.MANAGE_FORBIDDEN


def test_the_activities_menu_is_for_people_with_activities(cast):
    assert selectors.activity_is_open_to(cast.pat) and selectors.activity_is_open_to(cast.leo)
    assert selectors.activity_is_open_to(cast.harriet) and selectors.activity_is_open_to(cast.nadia)
    assert not selectors.activity_is_open_to(cast.sam)
    nav = client_for(cast.sam).get("/").content.decode()
    assert 'href="/activities/"' not in nav
    assert 'href="/activities/"' in client_for(cast.pat).get("/").content.decode()
