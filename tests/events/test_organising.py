"""The organisers' services (ISSUE 5, parts 1, 2 and 5): who may create and change events,
what an event must have, cancelling, invitations (one by one and by CSV, all or nothing)
and join links (typed or from Zoom's registrants export)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs.dates import LONDON
from mathshubs.directory.models import Role
from mathshubs.events import services
from mathshubs.events.models import (
    Event,
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.selectors import is_eligible
from mathshubs.events.services import invitations as inv
from mathshubs.events.services import organising as o
from tests import factories as f

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)
START = dt.datetime(2024, 3, 7, 16, 0, tzinfo=LONDON)


def online(**extra):
    return {
        "title": "Work Group meeting 4",
        "starts_at": START,
        "ends_at": START + dt.timedelta(minutes=90),
        "format": EventFormat.ONLINE,
        "meeting_url": "https://zoom.example/j/1",
        **extra,
    }


def messages_of(excinfo) -> list[str]:
    return excinfo.value.messages


@pytest.fixture
def session(cast):
    return f.EventFactory(activity=cast.activity, title="Meeting 3", capacity=10)


@pytest.fixture
def south_activity(cast):
    return f.ActivityFactory(hub=cast.south, title="South Work Group")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def confirm(event, user):
    return services.registration_confirm(event=event, person=user.person, now=BEFORE)


# -- creating ------------------------------------------------------------------------------


def test_hub_staff_create_an_activity_event_in_the_activity_hub_and_organise_it(cast):
    event = o.event_create(by=cast.harriet, activity=cast.activity, **online())
    assert event.hub == cast.north and event.kind == EventKind.SESSION
    assert event.created_by == cast.harriet.person
    assert list(event.organisers.all()) == [cast.harriet.person]


def test_a_lead_creates_events_for_the_activity_he_leads_with_named_organisers(cast):
    event = o.event_create(
        by=cast.leo, activity=cast.activity, organiser_ids=[cast.harriet.person.pk], **online()
    )
    assert set(event.organisers.all()) == {cast.leo.person, cast.harriet.person}


def test_the_national_team_may_add_an_activity_event(cast):
    assert o.event_create(by=cast.nadia, activity=cast.activity, **online()).hub == cast.north


@pytest.mark.parametrize("who", ["pat", "sam", "simon"])
def test_participants_and_other_hubs_staff_cannot_create_an_activity_event(cast, who):
    with pytest.raises(PermissionDenied, match="Only the activity's leads"):
        o.event_create(by=getattr(cast, who), activity=cast.activity, **online())
    assert not Event.objects.exists()


def test_a_lead_cannot_create_events_for_another_hubs_activity(cast, south_activity):
    with pytest.raises(PermissionDenied):
        o.event_create(by=cast.leo, activity=south_activity, **online())


def test_an_llme_of_another_activity_cannot_create_events_for_this_one(cast):
    other = f.PersonFactory()
    f.RoleAssignmentFactory(
        person=other, role=Role.WORK_GROUP_LEAD, hub=cast.north, academic_year=2023
    )
    user = f.UserFactory(person=other)
    f.ActivityFactory(hub=cast.north).leads.add(other)
    with pytest.raises(PermissionDenied):
        o.event_create(by=user, activity=cast.activity, **online())


@pytest.mark.parametrize("who", ["harriet", "leo", "pat", "simon"])
def test_only_the_national_team_creates_national_events(cast, who):
    with pytest.raises(PermissionDenied, match="Only the national team"):
        o.event_create(by=getattr(cast, who), kind=EventKind.WEBINAR, **online())


def test_a_national_workshop_belongs_to_a_project(cast):
    with pytest.raises(ValidationError) as refused:
        o.event_create(by=cast.nadia, kind=EventKind.NATIONAL_WORKSHOP, **online())
    assert messages_of(refused) == [o.NCP_REQUIRED]
    workshop = o.event_create(
        by=cast.nadia, kind=EventKind.NATIONAL_WORKSHOP, ncp=cast.mastery_readiness, **online()
    )
    assert workshop.hub is None and workshop.ncp == cast.mastery_readiness
    assert is_eligible(person=cast.leo.person, event=workshop)


def test_an_activity_event_is_a_session_and_a_national_one_is_not(cast):
    with pytest.raises(ValidationError, match="choose Activity session"):
        o.event_create(by=cast.harriet, activity=cast.activity, kind=EventKind.WEBINAR, **online())
    with pytest.raises(ValidationError, match="A national event is"):
        o.event_create(by=cast.nadia, kind=EventKind.SESSION, **online())


def test_the_end_must_come_after_the_start(cast):
    with pytest.raises(ValidationError) as refused:
        o.event_create(by=cast.leo, activity=cast.activity, **online(ends_at=START))
    assert refused.value.message_dict == {"ends_at": [o.ENDS_BEFORE_START]}


def test_a_face_to_face_event_needs_a_venue_and_an_address_and_has_no_meeting_link(cast):
    values = online(format=EventFormat.FACE_TO_FACE)
    with pytest.raises(ValidationError) as refused:
        o.event_create(by=cast.leo, activity=cast.activity, **values)
    assert refused.value.message_dict == {
        "venue": [o.VENUE_REQUIRED],
        "address": [o.ADDRESS_REQUIRED],
        "meeting_url": [o.MEETING_URL_FACE_TO_FACE],
    }


@pytest.mark.parametrize("url", ["ftp://zoom.example/j/1", "javascript:alert(1)", "zoom"])
def test_a_meeting_link_is_a_web_address(cast, url):
    with pytest.raises(ValidationError) as refused:
        o.event_create(by=cast.leo, activity=cast.activity, **online(meeting_url=url))
    assert refused.value.message_dict == {"meeting_url": [o.URL_NOT_WEB]}


@pytest.mark.parametrize("capacity", [0, -3])
def test_places_are_one_or_more_or_no_limit(cast, capacity):
    with pytest.raises(ValidationError) as refused:
        o.event_create(by=cast.leo, activity=cast.activity, **online(capacity=capacity))
    assert refused.value.message_dict == {"capacity": [o.CAPACITY_TOO_SMALL]}
    unlimited = o.event_create(by=cast.leo, activity=cast.activity, **online(capacity=None))
    assert unlimited.capacity is None


@time_machine.travel(BEFORE, tick=False)
def test_creating_invites_the_people_of_the_activity_by_email(cast, on_commit):
    on_commit(lambda: o.event_create(by=cast.leo, activity=cast.activity, **online()))
    assert "pat@north.example" in {to for message in mail.outbox for to in message.to}


# -- changing ------------------------------------------------------------------------------


def test_a_new_time_is_listed_in_words_and_sent_to_people_who_confirmed(cast, session, on_commit):
    confirm(session, cast.pat)
    mail.outbox.clear()
    later = dt.datetime(2024, 3, 14, 16, 0, tzinfo=LONDON)
    changes = on_commit(
        lambda: o.event_update(
            event=session, by=cast.leo, starts_at=later, ends_at=later + dt.timedelta(hours=2)
        )
    )
    assert changes == [
        "Date and time: Thursday 14 March 2024, 4pm to 6pm "
        "(was Thursday 7 March 2024, 4pm to 5:30pm)"
    ]
    session.refresh_from_db()
    assert session.starts_at == later
    sent = [message for message in mail.outbox if "pat@north.example" in message.to]
    assert len(sent) == 1 and "Thursday 14 March 2024, 4pm to 6pm" in sent[0].body


def test_a_new_title_is_listed_but_not_sent(cast, session, on_commit):
    confirm(session, cast.pat)
    mail.outbox.clear()
    changes = on_commit(lambda: o.event_update(event=session, by=cast.leo, title="Meeting three"))
    assert changes == ["Title: Meeting three (was Meeting 3)"]
    assert mail.outbox == []


def test_saving_what_is_already_there_changes_nothing(cast, session):
    assert o.event_update(event=session, by=cast.harriet, title="Meeting 3") == []


def test_a_new_venue_and_format_are_both_listed(cast, session):
    session.meeting_url = "https://zoom.example/j/1"
    session.save()
    changes = o.event_update(
        event=session,
        by=cast.leo,
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 School Lane",
        meeting_url="",
    )
    assert [change.split(":")[0] for change in changes] == [
        "Format",
        "Venue",
        "Address",
        "Meeting link",
    ]
    assert changes[0] == "Format: Face to face (was Online)"


def test_places_cannot_go_below_those_taken(cast, session):
    confirm(session, cast.pat)
    confirm(session, cast.leo)
    with pytest.raises(ValidationError) as refused:
        o.event_update(event=session, by=cast.harriet, capacity=1)
    assert refused.value.message_dict == {"capacity": [o.CAPACITY_BELOW_TAKEN.format(taken=2)]}
    session.refresh_from_db()
    assert session.capacity == 10
    assert o.event_update(event=session, by=cast.harriet, capacity=2) == ["Places: 2 (was 10)"]


@pytest.mark.parametrize("who", ["pat", "sam", "simon", "nadia"])
def test_only_organisers_change_an_event(cast, session, who):
    with pytest.raises(PermissionDenied):
        o.event_update(event=session, by=getattr(cast, who), title="Hijacked")
    session.refresh_from_db()
    assert session.title == "Meeting 3"


def test_a_named_organiser_from_elsewhere_may_change_it(cast, session):
    session.organisers.add(cast.simon.person)
    assert o.event_update(event=session, by=cast.simon, title="Joint meeting")


def test_a_cancelled_event_cannot_be_changed(cast, session):
    o.event_cancel(event=session, by=cast.leo, reason="The lead is ill", now=BEFORE)
    with pytest.raises(ValidationError, match="cancelled"):
        o.event_update(event=session, by=cast.leo, title="Back on")


def test_an_unknown_field_is_refused(cast, session):
    with pytest.raises(ValidationError):
        o.event_update(event=session, by=cast.leo, hub=cast.south)


# -- cancelling ----------------------------------------------------------------------------


def test_cancelling_keeps_the_event_says_why_and_tells_people_who_confirmed(
    cast, session, on_commit
):
    confirm(session, cast.pat)
    mail.outbox.clear()
    on_commit(lambda: o.event_cancel(event=session, by=cast.harriet, reason="Snow", now=BEFORE))
    session.refresh_from_db()
    assert session.cancelled_at == BEFORE
    assert session.cancellation_reason == "Snow"
    assert "Snow" not in session.description
    assert [message.to for message in mail.outbox] == [["pat@north.example"]]
    assert "Why it was cancelled: Snow" in mail.outbox[0].body


def test_cancelling_needs_a_reason_an_organiser_and_an_event_to_come(cast, session):
    with pytest.raises(ValidationError) as refused:
        o.event_cancel(event=session, by=cast.leo, reason="  ", now=BEFORE)
    assert refused.value.message_dict == {"reason": [o.REASON_REQUIRED]}
    with pytest.raises(PermissionDenied):
        o.event_cancel(event=session, by=cast.pat, reason="No", now=BEFORE)
    with pytest.raises(ValidationError, match="already started"):
        o.event_cancel(event=session, by=cast.leo, reason="Late", now=START)
    o.event_cancel(event=session, by=cast.leo, reason="Snow", now=BEFORE)
    with pytest.raises(ValidationError, match="already cancelled"):
        o.event_cancel(event=session, by=cast.leo, reason="Snow", now=BEFORE)


# -- invitations ---------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_inviting_matches_main_contact_emails_whatever_their_case(cast, session, on_commit):
    mail.outbox.clear()
    invited = on_commit(
        lambda: inv.invitations_add(event=session, by=cast.leo, emails=["SAM@South.Example"])
    )
    assert (invited.added, invited.already) == (1, 0)
    assert invited.message == "Invited 1 person"
    assert is_eligible(person=cast.sam.person, event=session)
    assert [message.to for message in mail.outbox] == [["sam@south.example"]]


def test_one_unknown_email_and_no_one_is_invited_and_every_unknown_one_is_listed(cast, session):
    with pytest.raises(inv.UnknownEmails) as refused:
        inv.invitations_add(
            event=session,
            by=cast.leo,
            emails=["sam@south.example", "nobody@x.example", "simon@south.example", "who@y.org"],
        )
    assert refused.value.emails == ["nobody@x.example", "who@y.org"]
    assert "nobody@x.example, who@y.org" in refused.value.messages[0]
    assert not Invitation.objects.exists()


def test_people_already_eligible_are_counted_not_invited_twice(cast, session):
    first = inv.invitations_add(event=session, by=cast.leo, emails=["sam@south.example"])
    again = inv.invitations_add(
        event=session,
        by=cast.leo,
        emails=[
            "sam@south.example",
            "pat@north.example",
            "leo@north.example",
            "simon@south.example",
        ],
    )
    assert (first.added, again.added, again.already) == (1, 1, 3)
    assert again.message == "Invited 1 person. 3 were already invited"
    assert set(Invitation.objects.values_list("person__email", flat=True)) == {
        "sam@south.example",
        "simon@south.example",
    }


def test_the_already_eligible_are_those_the_selectors_find_eligible(cast):
    workshop = f.EventFactory(
        activity=None, hub=None, ncp=cast.mastery_readiness, kind=EventKind.NATIONAL_WORKSHOP
    )
    session = f.EventFactory(activity=cast.activity)
    Invitation.objects.create(event=session, person=cast.sam.person)
    people = {getattr(cast, n).person for n in ["nadia", "harriet", "leo", "pat", "sam", "simon"]}
    for event in (session, workshop):
        found = inv._already_eligible(event, {p.pk for p in people})
        assert found == {p.pk for p in people if is_eligible(person=p, event=event)}


def test_typed_emails_may_be_one_a_line_or_separated_by_commas():
    typed = "a@x.org, b@x.org\nA@X.org;  <c@x.org>\n\n"
    assert inv.emails_from_text(typed) == ["a@x.org", "b@x.org", "c@x.org"]


def test_an_empty_or_malformed_list_is_refused(cast, session):
    with pytest.raises(ValidationError, match="at least one"):
        inv.invitations_add(event=session, by=cast.leo, emails=["  "])
    with pytest.raises(ValidationError, match="not email addresses: pat-at-north"):
        inv.invitations_add(event=session, by=cast.leo, emails=["pat-at-north"])


@pytest.mark.parametrize("who", ["pat", "sam", "simon", "nadia"])
def test_only_organisers_invite(cast, session, who):
    with pytest.raises(PermissionDenied):
        inv.invitations_add(event=session, by=getattr(cast, who), emails=["sam@south.example"])


def csv_file(text: str, *, bom: bool = False, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO((("\ufeff" if bom else "") + text).encode(encoding))


@pytest.mark.parametrize("header", ["Email", "email", "Email address", "EMAIL_ADDRESS", "E-mail"])
def test_a_csv_of_emails_invites_everyone_in_it(cast, session, header):
    text = f"Name,{header}\r\nSam,sam@south.example\r\n\r\nSimon,SIMON@south.example\r\n"
    invited = inv.invitations_import_csv(event=session, by=cast.leo, file=csv_file(text, bom=True))
    assert (invited.added, invited.already) == (2, 0)


def test_a_csv_from_a_spreadsheet_with_semicolons_is_read(cast, session):
    text = "Name;Email address\nSam;sam@south.example\n"
    invited = inv.invitations_import_csv(event=session, by=cast.leo, file=csv_file(text))
    assert invited.added == 1


def test_lines_above_the_table_are_skipped_and_lines_still_counted(cast, session):
    text = (
        "Registration Report\nReport Generated:,03/01/2024 09:00 AM\n\n"
        "Topic,ID\nWork Group meeting 3,123\n\n"
        "First Name,Last Name,Email,Registration Time\n"
        "Sam,South,sam@south.example,02/01/2024\n"
        "Ghost,Who,ghost@x.org,02/01/2024\n"
    )
    with pytest.raises(ValidationError) as refused:
        inv.invitations_import_csv(event=session, by=cast.leo, file=csv_file(text))
    assert messages_of(refused)[0] == ("Line 9: no one in the directory has the email ghost@x.org")


def test_a_csv_with_an_unknown_email_invites_no_one_and_names_the_lines(cast, session):
    text = "name,email\nS,sam@south.example\nN,nobody@x.example\n\nX,not an email\nY,\n"
    with pytest.raises(ValidationError) as refused:
        inv.invitations_import_csv(event=session, by=cast.leo, file=csv_file(text))
    assert messages_of(refused) == [
        "Line 3: no one in the directory has the email nobody@x.example",
        "Line 5: not an email is not an email address",
        "Line 6: the email is empty",
        inv.FILE_NOTHING_DONE,
    ]
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", inv.FILE_EMPTY),
        (b"   \n", inv.FILE_EMPTY),
        (b"name,school\nSam,South\n", inv.FILE_NO_EMAIL_COLUMN),
        (b"email\n", inv.FILE_NO_ROWS),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", inv.FILE_NOT_TEXT),
        ("email\nsam@south.example\n".encode("utf-16"), inv.FILE_NOT_TEXT),
        (b"\xef\xbb\xbf\r\n", inv.FILE_EMPTY),
        (b"email\nsam@south.example\x00\n", inv.FILE_NOT_TEXT),
    ],
)
def test_a_malformed_file_is_refused_clearly(cast, session, content, message):
    with pytest.raises(ValidationError) as refused:
        inv.invitations_import_csv(event=session, by=cast.leo, file=io.BytesIO(content))
    assert messages_of(refused) == [message]


def test_a_file_read_as_text_is_read_too(cast, session):
    text = io.StringIO("\ufeffEmail\nsam@south.example\n")
    assert inv.invitations_import_csv(event=session, by=cast.leo, file=text).added == 1


def test_a_file_too_big_is_refused(cast, session):
    big = io.BytesIO(b"email\n" + b"x" * (inv.MAX_FILE_BYTES + 10))
    with pytest.raises(ValidationError, match="smaller than 2 MB"):
        inv.invitations_import_csv(event=session, by=cast.leo, file=big)


def test_only_organisers_import_invitations(cast, session):
    with pytest.raises(PermissionDenied):
        inv.invitations_import_csv(event=session, by=cast.pat, file=csv_file("email\na@b.org\n"))


def test_no_one_is_invited_to_a_cancelled_event(cast, session):
    o.event_cancel(event=session, by=cast.leo, reason="Snow", now=BEFORE)
    with pytest.raises(ValidationError, match="cancelled"):
        inv.invitations_add(event=session, by=cast.leo, emails=["sam@south.example"])


# -- join links ----------------------------------------------------------------------------

ZOOM_EXPORT = (
    "First Name,Last Name,Email,Registration Time,Approval Status,Join URL\r\n"
    "Pat,Participant,PAT@north.example,2024-02-01 09:00,approved,"
    "https://zoom.example/w/1?tk=pat\r\n"
    "Leo,Lead,leo@north.example,2024-02-01 09:05,approved,https://zoom.example/w/1?tk=leo\r\n"
)


def test_an_organiser_sets_one_persons_join_link(cast, session):
    confirm(session, cast.pat)
    link = "https://zoom.example/w/1?tk=abc"
    inv.join_url_set(event=session, by=cast.harriet, person=cast.pat.person, url=link)
    assert Registration.objects.get(person=cast.pat.person).join_url == link


def test_a_join_link_is_a_web_address_for_someone_with_a_place(cast, session):
    confirm(session, cast.pat)
    with pytest.raises(ValidationError, match="https://"):
        inv.join_url_set(event=session, by=cast.leo, person=cast.pat.person, url="ftp://z/1")
    with pytest.raises(ValidationError, match="has no place"):
        inv.join_url_set(
            event=session, by=cast.leo, person=cast.sam.person, url="https://zoom.example/w/2"
        )
    with pytest.raises(PermissionDenied):
        inv.join_url_set(
            event=session, by=cast.pat, person=cast.pat.person, url="https://evil.example/"
        )


def test_join_links_are_for_online_events(cast):
    day = f.EventFactory(
        activity=cast.activity, format=EventFormat.FACE_TO_FACE, venue="V", address="A"
    )
    with pytest.raises(ValidationError, match="online events only"):
        inv.join_urls_import_csv(event=day, by=cast.leo, file=csv_file(ZOOM_EXPORT))


def test_zooms_registrants_export_gives_everyone_their_join_link(cast, session):
    confirm(session, cast.pat)
    confirm(session, cast.leo)
    count = inv.join_urls_import_csv(event=session, by=cast.leo, file=csv_file(ZOOM_EXPORT))
    assert count == 2
    links = dict(session.registrations.values_list("person__email", "join_url"))
    assert links == {
        "pat@north.example": "https://zoom.example/w/1?tk=pat",
        "leo@north.example": "https://zoom.example/w/1?tk=leo",
    }


def test_a_join_link_import_with_one_bad_row_sets_none_and_lists_every_problem(cast, session):
    confirm(session, cast.pat)
    text = (
        "Email,join_url\n"
        "pat@north.example,https://zoom.example/w/1?tk=pat\n"
        "sam@south.example,https://zoom.example/w/1?tk=sam\n"
        "PAT@north.example,https://zoom.example/w/1?tk=again\n"
        ",https://zoom.example/w/1?tk=x\n"
    )
    with pytest.raises(ValidationError) as refused:
        inv.join_urls_import_csv(event=session, by=cast.leo, file=csv_file(text))
    assert messages_of(refused) == [
        "Line 3: sam@south.example has no place at this event",
        "Line 4: PAT@north.example is already on line 2",
        "Line 5: the email is empty",
        inv.FILE_NOTHING_DONE,
    ]
    assert Registration.objects.get(person=cast.pat.person).join_url == ""


def test_a_join_link_import_needs_both_columns_and_web_addresses(cast, session):
    confirm(session, cast.pat)
    with pytest.raises(ValidationError) as refused:
        inv.join_urls_import_csv(
            event=session, by=cast.leo, file=csv_file("Email\npat@north.example\n")
        )
    assert messages_of(refused) == [inv.FILE_NO_JOIN_URL_COLUMN]
    text = "Email,Join URL\npat@north.example,javascript:alert(1)\n"
    with pytest.raises(ValidationError, match="Line 2: the join link of pat@north.example must"):
        inv.join_urls_import_csv(event=session, by=cast.leo, file=csv_file(text))


def test_a_cancelled_place_keeps_its_row_and_may_still_get_a_link(cast, session):
    confirm(session, cast.pat)
    services.registration_cancel(event=session, person=cast.pat.person, now=BEFORE)
    assert Registration.objects.get(person=cast.pat.person).status == RegistrationStatus.CANCELLED
    only_pat = "Email,Join URL\npat@north.example,https://zoom.example/w/1?tk=pat\n"
    assert inv.join_urls_import_csv(event=session, by=cast.leo, file=csv_file(only_pat)) == 1


def test_when_text_is_the_uk_style():
    noon = dt.datetime(2024, 7, 4, 12, 0, tzinfo=LONDON)
    assert o.when_text(noon, noon + dt.timedelta(hours=1, minutes=15)) == (
        "Thursday 4 July 2024, midday to 1:15pm"
    )
    assert o.when_text(noon, noon + dt.timedelta(days=1)) == (
        "Thursday 4 July 2024, midday to Friday 5 July 2024, midday"
    )
