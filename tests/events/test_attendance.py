"""Recording attendance (events/services/attendance.py; ISSUE 5, part 8): a Zoom report
matched by email then by the person's own link, rejoins counted once, a minimum of minutes,
unmatched rows matched by hand, re-runs without double counting; the register; groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mathshubs.events.models import (
    AttendanceImport,
    AttendanceSource,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.services import attendance as service
from tests import factories as f

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
JOINS = (DATA / "zoom_participants_joins.csv").read_bytes()
CARA_LINK = "https://us02web.zoom.us/w/81234567890?tk=AbCdEfGh12345678&uuid=WN_x1"


def joins_row(name, email, start, end):
    return f"{name},{email},03/07/2024 {start},03/07/2024 {end},1,No\r\n"


def per_join(*rows: str) -> bytes:
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
    return (header + "".join(rows)).encode()


@pytest.fixture
def event(cast):
    return f.EventFactory(activity=cast.activity, minimum_minutes=60)


def participant(cast, first, email):
    person = f.PersonFactory(first_name=first, last_name="Test", email=email)
    f.ParticipationFactory(activity=cast.activity, person=person, institution=cast.north_school)
    return person


def confirmed(event, person, **extra):
    return Registration.objects.create(
        event=event, person=person, status=RegistrationStatus.CONFIRMED, **extra
    )


@pytest.fixture
def people(cast, event):
    """Pat, Ben, Cara (her Zoom registrant link), Dan (no email in the report) and Eve
    (not in the report) confirmed; Fay eligible but never replied."""
    group = {
        "pat": cast.pat.person,
        "ben": participant(cast, "Ben", "ben@north.example"),
        "cara": participant(cast, "Cara", "cara@north.example"),
        "dan": participant(cast, "Dan", "dan@north.example"),
        "eve": participant(cast, "Eve", "eve@north.example"),
        "fay": participant(cast, "Fay", "fay@north.example"),
    }
    for name in ("pat", "ben", "dan", "eve"):
        confirmed(event, group[name])
    confirmed(event, group["cara"], join_url=CARA_LINK)
    return group


def run(event, data=JOINS, name="participants.csv"):
    return service.attendance_report_import(event=event, by=None, file=data, filename=name)


def state(event) -> dict[str, tuple]:
    return {
        r.person.first_name: (r.attended, r.minutes_attended, r.attendance_source)
        for r in event.registrations.select_related("person")
    }


def test_the_real_sample_matches_by_email_those_who_have_one(cast):
    event = f.EventFactory(activity=cast.activity, minimum_minutes=55)
    for first, email in [
        ("George", "george.harrison@gmail.com"),
        ("Paul", "paul@gmail.com"),
        ("Ringo", "ringorocks@beatles.org"),  # the report writes ringoRocks@...
        ("Pete", "pete@bigregrets.edu"),
        ("Absent", "absent@north.example"),
    ]:
        confirmed(event, participant(cast, first, email))
    sample = (DATA / "zoom_participants_unique_users_sample.csv").read_bytes()
    done = run(event, sample, "meeting001_participants.csv")
    assert (done.layout, done.people, done.matched) == ("unique", 10, 4)
    assert (done.attended, done.not_attended, done.absent) == (2, 2, 1)
    assert state(event) == {
        "George": (True, 72, "report"),
        "Paul": (True, 73, "report"),
        "Ringo": (False, 53, "report"),
        "Pete": (False, 54, "report"),
        "Absent": (False, 0, "report"),
    }
    assert [row["name"] for row in done.unmatched] == [
        "Andrew Knight",
        "John Lennon",
        "George Martin",
        "Yoko Ono",
        "Eric Clapton",
        "Eric's iPad (Clapton)",
    ]
    record = AttendanceImport.objects.get()
    assert (record.filename, record.rows, record.matched) == ("meeting001_participants.csv", 10, 4)


def test_rejoins_count_once_and_below_the_minimum_is_not_attended(event, people):
    done = run(event)
    assert state(event) == {
        "Pat": (True, 84, "report"),  # overlapping rejoins counted once, not 97
        "Ben": (False, 45, "report"),  # below the 60 minutes: not attended, minutes kept
        "Cara": (True, 90, "report"),  # her Zoom registrant token in the row
        "Dan": (False, 0, "report"),  # "Dan Dixon" has no email: unmatched, so absent
        "Eve": (False, 0, "report"),
    }
    assert (done.people, done.matched, done.attended, done.not_attended, done.absent) == (
        5,
        3,
        2,
        1,
        2,
    )
    assert [(row["name"], row["minutes"]) for row in done.unmatched] == [
        ("Leo Lead", 97),
        ("Dan Dixon", 75),
    ]


def test_a_row_carrying_the_platform_link_token_matches_its_registration(event, people):
    Registration.objects.filter(person=people["dan"]).update(link_token="dan-secret-token-42")
    run(event, per_join(joins_row("Dixon dan-secret-token-42", "", "04:00:00 PM", "05:10:00 PM")))
    assert state(event)["Dan"] == (True, 70, "report")


def test_a_row_matching_two_peoples_links_is_left_unmatched(event, people):
    Registration.objects.filter(person=people["dan"]).update(link_token="dan-secret-token-42")
    Registration.objects.filter(person=people["eve"]).update(link_token="eve-secret-token-42")
    row = joins_row("dan-secret-token-42 eve-secret-token-42", "", "04:00:00 PM", "05:10:00 PM")
    done = run(event, per_join(row))
    assert done.matched == 0 and len(done.unmatched) == 1


def test_running_the_same_report_again_counts_nothing_twice(event, people):
    first = run(event)
    before = state(event)
    again = run(event)
    assert state(event) == before
    assert (again.people, again.matched, again.attended, again.not_attended) == (
        first.people,
        first.matched,
        first.attended,
        first.not_attended,
    )
    assert AttendanceImport.objects.filter(event=event).count() == 2


def test_a_corrected_report_replaces_what_the_last_one_recorded(event, people):
    run(event)
    corrected = per_join(
        joins_row("Ben Brown", "ben@north.example", "04:00:00 PM", "05:10:00 PM"),
        joins_row("Cara Clark", "cara@north.example", "04:00:00 PM", "04:30:00 PM"),
    )
    done = run(event, corrected, "corrected.csv")
    assert state(event) == {
        "Pat": (False, 0, "report"),
        "Ben": (True, 70, "report"),
        "Cara": (False, 30, "report"),
        "Dan": (False, 0, "report"),
        "Eve": (False, 0, "report"),
    }
    assert (done.matched, done.attended, done.unmatched) == (2, 1, [])


def test_the_register_and_hand_matches_are_not_overwritten_by_a_report(event, people):
    service.attendance_register_save(
        event=event, by=None, attended_person_ids=[people["ben"].pk, people["eve"].pk]
    )
    done = run(event)
    after = state(event)
    assert after["Ben"] == (True, None, "register")  # the report says 45 minutes
    assert after["Eve"] == (True, None, "register")  # the report does not mention her
    assert after["Pat"] == (False, None, "register")  # unticked on the register
    assert done.kept == 3  # Ben, Pat and Cara were in the report


def test_an_unmatched_row_is_matched_by_hand_and_stays_matched_on_a_rerun(event, people):
    done = run(event)
    dan_row = next(row for row in done.unmatched if row["name"] == "Dan Dixon")
    registration = service.attendance_match(
        event=event,
        by=None,
        import_id=done.record.pk,
        row_index=dan_row["index"],
        person=people["dan"],
    )
    assert (registration.attended, registration.minutes_attended) == (True, 75)
    assert state(event)["Dan"] == (True, 75, "manual")
    record = AttendanceImport.objects.get(pk=done.record.pk)
    assert (
        record.matched == 4 and record.unmatched[dan_row["index"]]["person_id"] == people["dan"].pk
    )

    again = run(event)
    assert state(event)["Dan"] == (True, 75, "manual")
    assert again.matched == 4 and [row["name"] for row in again.unmatched] == ["Leo Lead"]


def test_matching_by_hand_refuses_what_does_not_belong(cast, event, people):
    done = run(event)
    leo_index = next(row["index"] for row in done.unmatched if row["name"] == "Leo Lead")

    def match(person, import_id=done.record.pk, row_index=leo_index):
        return service.attendance_match(
            event=event, by=None, import_id=import_id, row_index=row_index, person=person
        )

    with pytest.raises(ValidationError, match="Sam South is not invited to this event"):
        match(cast.sam.person)
    with pytest.raises(ValidationError, match="There is no unmatched row 9"):
        match(cast.leo.person, row_index=8)
    other = f.EventFactory(activity=cast.activity)
    with pytest.raises(ValidationError, match="no attendance report with that id"):
        service.attendance_match(
            event=other, by=None, import_id=done.record.pk, row_index=0, person=cast.leo.person
        )
    # Leo leads the activity: eligible, so he gets a confirmed place with his minutes.
    match(cast.leo.person)
    leo = Registration.objects.get(event=event, person=cast.leo.person)
    assert (leo.status, leo.attended, leo.minutes_attended, leo.attendance_source) == (
        "confirmed",
        True,
        97,
        "manual",
    )
    with pytest.raises(ValidationError, match="already matched to Leo Lead"):
        match(cast.leo.person)
    newer = run(event)
    with pytest.raises(ValidationError, match="replaced by a newer import"):
        match(people["dan"], row_index=1)
    assert newer.record.pk != done.record.pk


def test_a_broken_file_changes_nothing(event, people):
    run(event)
    before = state(event)
    broken = JOINS.replace(b"03/07/2024 04:00:00 PM,03/07/2024 04:45", b"99/99/2024 04:00:00 PM,x")
    for data in (
        b"",
        b"Full Name,Email\r\nPat,pat@north.example\r\n",
        broken,
        "Zoë".encode("cp1252"),
    ):
        with pytest.raises(ValidationError) as caught:
            run(event, data)
        assert caught.value.messages[0].startswith(("The file is empty", "Line "))
    assert state(event) == before
    assert AttendanceImport.objects.filter(event=event).count() == 1


def test_someone_who_cancelled_but_attended_gets_their_place_back(event, people):
    Registration.objects.filter(person=people["pat"]).update(status=RegistrationStatus.CANCELLED)
    run(event)
    pat = Registration.objects.get(event=event, person=people["pat"])
    assert (pat.status, pat.attended, pat.minutes_attended) == ("confirmed", True, 84)


def test_a_webinar_non_attendee_is_matched_as_not_attended_even_with_no_minimum(event, people):
    event.minimum_minutes = 0
    event.save()
    done = run(event, (DATA / "zoom_webinar_attendees.csv").read_bytes())
    assert state(event)["Ben"] == (False, 0, "report")
    assert state(event)["Pat"] == (True, 84, "report")
    assert done.layout == "webinar"


def test_the_import_makes_the_same_number_of_queries_whatever_the_number_of_rows(cast, event):
    def queries_for(count: int) -> int:
        rows = []
        for n in range(count):
            person = f.PersonFactory(email=f"p{count}-{n}@north.example")
            confirmed(event, person)
            rows.append(joins_row(f"P {n}", person.email, "04:00:00 PM", "05:10:00 PM"))
        with CaptureQueriesContext(connection) as captured:
            run(event, per_join(*rows))
        return len(captured)

    small = queries_for(3)
    Registration.objects.filter(event=event).delete()
    assert queries_for(60) == small


def test_the_register_ticks_many_at_once(event, people):
    done = service.attendance_register_save(
        event=event,
        by=None,
        attended_person_ids=[people["pat"].pk, people["ben"].pk, people["cara"].pk],
    )
    assert (done.attended, done.not_attended) == (3, 2)
    assert state(event) == {
        "Pat": (True, None, "register"),
        "Ben": (True, None, "register"),
        "Cara": (True, None, "register"),
        "Dan": (False, None, "register"),
        "Eve": (False, None, "register"),
    }


def test_the_register_refuses_someone_without_a_confirmed_place_and_changes_nothing(
    cast, event, people
):
    with pytest.raises(ValidationError, match="Fay Test has not confirmed a place"):
        service.attendance_register_save(
            event=event, by=None, attended_person_ids=[people["pat"].pk, people["fay"].pk]
        )
    assert set(state(event).values()) == {(None, None, "")}


def test_a_group_on_one_link_marks_each_member_with_the_hosts_minutes(event, people):
    run(event)
    marked = service.group_attendance_declare(
        event=event,
        by=None,
        host_person=people["pat"],
        member_person_ids=[people["dan"].pk, people["eve"].pk, people["fay"].pk, people["pat"].pk],
    )
    assert len(marked) == 3
    after = state(event)
    assert after["Pat"] == (True, 84, "report")
    for name in ("Dan", "Eve", "Fay"):
        assert after[name] == (True, 84, "group")
    fay = Registration.objects.get(event=event, person=people["fay"])
    assert fay.status == RegistrationStatus.CONFIRMED and fay.confirmed_at is not None
    # A later report keeps what the hub declared.
    run(event)
    assert state(event)["Eve"] == (True, 84, "group")


def test_a_group_is_refused_for_strangers_and_without_a_host_place(cast, event, people):
    with pytest.raises(ValidationError, match="Sam South is not invited"):
        service.group_attendance_declare(
            event=event,
            by=None,
            host_person=people["pat"],
            member_person_ids=[people["dan"].pk, cast.sam.person.pk],
        )
    assert state(event)["Dan"] == (None, None, "")
    with pytest.raises(ValidationError, match="Fay Test has no place at this event"):
        service.group_attendance_declare(
            event=event, by=None, host_person=people["fay"], member_person_ids=[people["dan"].pk]
        )
    with pytest.raises(ValidationError, match="Choose at least one member"):
        service.group_attendance_declare(
            event=event, by=None, host_person=people["pat"], member_person_ids=[people["pat"].pk]
        )
    assert AttendanceSource.GROUP not in {value[2] for value in state(event).values()}


def test_no_attendance_is_recorded_before_the_event_starts(event, people):
    before = event.starts_at - dt.timedelta(minutes=1)
    person = people["pat"]
    attempts = [
        lambda: service.attendance_register_save(
            event=event, by=None, attended_person_ids=[person.pk], now=before
        ),
        lambda: service.attendance_report_import(
            event=event, by=None, file=JOINS, filename="participants.csv", now=before
        ),
        lambda: service.group_attendance_declare(
            event=event, by=None, host_person=person, member_person_ids=[], now=before
        ),
        lambda: service.attendance_match(
            event=event, by=None, import_id=0, row_index=0, person=person, now=before
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == [
            "This event has not started yet: record attendance once it has started "
            "(Thursday 7 March 2024, 4pm to 5:30pm)."
        ]
    assert not event.registrations.filter(attendance_source__gt="").exists()
    assert not event.attendance_imports.exists()
    # From its start, the register is open.
    service.attendance_register_save(
        event=event, by=None, attended_person_ids=[person.pk], now=event.starts_at
    )
    assert event.registrations.get(person=person).attended is True
