"""person_change_email and institution_set_hub_override (ISSUE 3, "People" and "Institutions")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs.accounts.models import User
from mathshubs.directory.models import EmailChange, Person
from mathshubs.directory.services import (
    EMAIL_CHANGE_FORBIDDEN,
    EMAIL_HELD_BY_ANOTHER,
    EMAIL_INVALID,
    EMAIL_REQUIRED,
    EMAIL_UNCHANGED,
    HUB_OVERRIDE_FORBIDDEN,
    institution_set_hub_override,
    person_change_email,
)
from tests import factories as f


def _messages(excinfo) -> list[str]:
    return excinfo.value.messages


def test_hub_staff_change_an_email_and_the_change_is_recorded_with_the_account(cast):
    pat = cast.pat.person
    change = person_change_email(person=pat, new_email=" Pat.New@North.Example ", by=cast.harriet)
    pat.refresh_from_db()
    cast.pat.refresh_from_db()
    assert pat.email == "pat.new@north.example"
    assert cast.pat.email == "pat.new@north.example"
    assert (change.old_email, change.new_email, change.changed_by) == (
        "pat@north.example",
        "pat.new@north.example",
        cast.harriet,
    )
    assert change.changed_at is not None
    assert EmailChange.objects.filter(person=pat).count() == 1


def test_a_person_without_an_account_can_have_their_email_changed(cast):
    person = f.PersonFactory(institution=cast.north_school, email="noaccount@north.example")
    person_change_email(person=person, new_email="still-none@north.example", by=cast.nadia)
    assert Person.objects.get(pk=person.pk).email == "still-none@north.example"
    assert not User.objects.filter(email="still-none@north.example").exists()


def test_it_refuses_an_email_held_by_another_person_whatever_its_case(cast):
    with pytest.raises(ValidationError) as excinfo:
        person_change_email(person=cast.pat.person, new_email="LEO@north.example", by=cast.harriet)
    assert _messages(excinfo) == [EMAIL_HELD_BY_ANOTHER]
    assert Person.objects.get(pk=cast.pat.person.pk).email == "pat@north.example"
    assert not EmailChange.objects.exists()


def test_it_refuses_an_email_held_by_an_account_without_a_person(cast):
    User.objects.create_user("admin@national.example", "x-long-password")
    with pytest.raises(ValidationError) as excinfo:
        person_change_email(
            person=cast.pat.person, new_email="admin@national.example", by=cast.nadia
        )
    assert _messages(excinfo) == [EMAIL_HELD_BY_ANOTHER]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", EMAIL_REQUIRED),
        ("   ", EMAIL_REQUIRED),
        ("not an email", EMAIL_INVALID),
        ("pat@", EMAIL_INVALID),
        ("PAT@north.example", EMAIL_UNCHANGED),
    ],
)
def test_it_refuses_an_empty_malformed_or_unchanged_email(cast, typed, message):
    with pytest.raises(ValidationError) as excinfo:
        person_change_email(person=cast.pat.person, new_email=typed, by=cast.harriet)
    assert _messages(excinfo) == [message]
    assert not EmailChange.objects.exists()


@pytest.mark.parametrize("who", ["simon", "leo", "pat", "sam"])
def test_only_the_persons_hub_staff_or_the_national_team_can_change_it(cast, who):
    with pytest.raises(PermissionDenied, match=EMAIL_CHANGE_FORBIDDEN):
        person_change_email(
            person=cast.pat.person, new_email="x@north.example", by=getattr(cast, who)
        )
    assert Person.objects.get(pk=cast.pat.person.pk).email == "pat@north.example"


def test_the_national_team_overrides_and_clears_a_schools_serving_hub(cast):
    school = cast.north_school
    institution_set_hub_override(institution=school, hub=cast.south, by=cast.nadia)
    assert (school.hub, school.hub_override) == (cast.south, cast.south)
    assert school.hub_override_by == cast.nadia and school.hub_override_at is not None
    institution_set_hub_override(institution=school, hub=None, by=cast.nadia)
    # Back to the hub of its area (Northshire is the north hub's).
    assert (school.hub, school.hub_override) == (cast.north, None)


def test_hub_staff_cannot_override_a_schools_serving_hub(cast):
    with pytest.raises(PermissionDenied, match=HUB_OVERRIDE_FORBIDDEN):
        institution_set_hub_override(institution=cast.north_school, hub=cast.south, by=cast.harriet)
    cast.north_school.refresh_from_db()
    assert cast.north_school.hub_override is None


def test_the_old_and_the_new_address_are_told_of_an_email_change(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    pat = cast.pat.person
    with django_capture_on_commit_callbacks(execute=True):
        person_change_email(person=pat, new_email="pat.new@north.example", by=cast.harriet)
    assert sorted(m.to[0] for m in mailoutbox) == ["pat.new@north.example", "pat@north.example"]
    body = mailoutbox[0].body
    assert "Old address: pat@north.example" in body
    assert "New address: pat.new@north.example" in body
    assert "If you did not ask for this change" in body


def test_a_refused_email_change_sends_nothing(cast, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        person_change_email(person=cast.pat.person, new_email="leo@north.example", by=cast.harriet)
    assert mailoutbox == []
