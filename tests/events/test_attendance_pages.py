"""The attendance pages and API (events/views/attendance.py, events/api_attendance.py): only
an event's organisers record attendance (403 for those who see the event, 404 for anyone
else); the register ticks many at once; a report is uploaded, its unmatched rows matched by
hand; a group is declared; and the pages pass axe-core in a real browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mathshubs.events.models import AttendanceImport, Registration, RegistrationStatus
from mathshubs.events.services.attendance import attendance_report_import
from tests import factories as f
from tests.conftest import client_for

DATA = Path(__file__).parent / "data"
JOINS = (DATA / "zoom_participants_joins.csv").read_bytes()
PAGES = ["events:register", "events:attendance_import", "events:group_attendance"]


def upload(data: bytes = JOINS, name: str = "participants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def event(cast):
    return f.EventFactory(activity=cast.activity, minimum_minutes=60)


def participant(cast, first, email):
    person = f.PersonFactory(first_name=first, last_name="Test", email=email)
    f.ParticipationFactory(activity=cast.activity, person=person, institution=cast.north_school)
    return person


@pytest.fixture
def people(cast, event):
    group = {
        "pat": cast.pat.person,
        "ben": participant(cast, "Ben", "ben@north.example"),
        "dan": participant(cast, "Dan", "dan@north.example"),
        "fay": participant(cast, "Fay", "fay@north.example"),
    }
    for name in ("pat", "ben", "dan"):
        Registration.objects.create(
            event=event, person=group[name], status=RegistrationStatus.CONFIRMED
        )
    return group


def attendance(event) -> dict[str, tuple]:
    return {
        r.person.first_name: (r.attended, r.minutes_attended, r.attendance_source)
        for r in event.registrations.select_related("person")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("harriet", 200),  # the North hub's staff
        ("leo", 200),  # leads the event's activity
        ("nadia", 403),  # sees every event, organises national ones only
        ("pat", 403),  # takes part: sees it, does not organise it
        ("sam", 404),  # South participant: does not see it
        ("simon", 404),  # another hub's staff
    ],
)
def test_only_organisers_open_the_attendance_pages(cast, event, name, persona, status):
    response = client_for(getattr(cast, persona)).get(reverse(name, args=[event.pk]))
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(event, name):
    response = client_for(None).get(reverse(name, args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_leo_does_not_record_attendance_for_another_activitys_event(cast):
    other = f.ActivityFactory(hub=cast.north, title="North Secondary Work Group")
    elsewhere = f.EventFactory(activity=other)
    for name in PAGES:
        assert client_for(cast.leo).get(reverse(name, args=[elsewhere.pk])).status_code == 404
    response = client_for(cast.leo).post(
        reverse("events:attendance_import", args=[elsewhere.pk]), {"report": upload()}
    )
    assert response.status_code == 404
    assert not AttendanceImport.objects.exists()


@pytest.mark.django_db
def test_people_who_do_not_organise_cannot_post_attendance(cast, event, people):
    pat = client_for(cast.pat)
    assert (
        pat.post(
            reverse("events:register", args=[event.pk]), {"attended": [people["pat"].pk]}
        ).status_code
        == 403
    )
    assert (
        pat.post(
            reverse("events:attendance_import", args=[event.pk]), {"report": upload()}
        ).status_code
        == 403
    )
    group = {"host": people["pat"].pk, "members": [people["ben"].pk]}
    assert pat.post(reverse("events:group_attendance", args=[event.pk]), group).status_code == 403
    simon = client_for(cast.simon)
    assert (
        simon.post(
            reverse("events:attendance_import", args=[event.pk]), {"report": upload()}
        ).status_code
        == 404
    )
    assert client_for(None).post(reverse("events:register", args=[event.pk]), {}).status_code == 302
    assert set(attendance(event).values()) == {(None, None, "")}
    assert not AttendanceImport.objects.exists()


@pytest.mark.django_db
def test_the_register_shows_confirmed_people_and_saves_many_ticks_at_once(cast, event, people):
    client = client_for(cast.leo)
    url = reverse("events:register", args=[event.pk])
    html = client.get(url).content.decode()
    for name in ("Pat Participant", "Ben Test", "Dan Test"):
        assert name in html
    assert "Fay Test" not in html  # eligible, not confirmed
    assert html.count('type="checkbox"') == 3 and " checked" not in html

    # "Select all" without JavaScript: the form again, every box ticked, nothing saved.
    selected = client.post(url, {"select_all": "1"}).content.decode()
    assert selected.count(" checked") == 3 and "Everyone is ticked." in selected
    assert set(attendance(event).values()) == {(None, None, "")}

    saved = client.post(url, {"attended": [people["pat"].pk, people["ben"].pk]}, follow=True)
    assert "Attendance saved: 2 attended, 1 did not." in saved.content.decode()
    assert attendance(event) == {
        "Pat": (True, None, "register"),
        "Ben": (True, None, "register"),
        "Dan": (False, None, "register"),
    }
    assert client.get(url).content.decode().count(" checked") == 2


@pytest.mark.django_db
def test_the_register_page_makes_few_queries_for_many_people(
    cast, event, django_assert_max_num_queries
):
    for _ in range(40):
        Registration.objects.create(
            event=event,
            person=f.PersonFactory(institution=cast.north_school),
            status=RegistrationStatus.CONFIRMED,
        )
    client = client_for(cast.leo)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("events:register", args=[event.pk])).status_code == 200


@pytest.mark.django_db
def test_uploading_a_report_shows_the_counts_and_the_rows_to_match(cast, event, people):
    client = client_for(cast.harriet)
    url = reverse("events:attendance_import", args=[event.pk])
    done = client.post(url, {"report": upload()}, follow=True)
    html = done.content.decode()
    assert (
        "Zoom participants report imported: 5 people, 2 matched, 1 attended, 3 to match by hand."
        in html
    )
    assert attendance(event)["Pat"] == (True, 84, "report")
    assert "at least <strong>60 minutes</strong>" in html
    for row in ("Leo Lead", "Cara Clark (AbCdEfGh12345678)", "Dan Dixon"):
        assert row in html
    assert (
        html.count(
            '<form method="post" action="' + reverse("events:attendance_match", args=[event.pk])
        )
        == 3
    )
    record = AttendanceImport.objects.get()
    assert record.imported_by == cast.harriet.person


@pytest.mark.django_db
def test_a_broken_upload_shows_its_problems_and_changes_nothing(cast, event, people):
    client = client_for(cast.leo)
    url = reverse("events:attendance_import", args=[event.pk])
    bad = JOINS.replace(b"03/07/2024 04:00:00 PM,03/07/2024 04:45", b"99/99/2024 04:00:00 PM,x")
    html = client.post(url, {"report": upload(bad)}).content.decode()
    assert "There is a problem" in html
    assert "Line 10, column Join Time: &#x27;99/99/2024 04:00:00 PM&#x27; is not a date" in html
    assert "Line 10, column Leave Time" in html  # the other problem, listed below
    empty = client.post(url, {}).content.decode()
    assert "Choose the Zoom attendance report (a CSV file) to upload." in empty
    assert not AttendanceImport.objects.exists()
    assert set(attendance(event).values()) == {(None, None, "")}


@pytest.mark.django_db
def test_an_unmatched_row_is_matched_by_hand_on_the_page(cast, event, people):
    done = attendance_report_import(event=event, by=None, file=JOINS, filename="p.csv")
    row = next(r for r in done.unmatched if r["name"] == "Dan Dixon")
    client = client_for(cast.leo)
    url = reverse("events:attendance_match", args=[event.pk])
    prefix = f"row{row['index']}"
    missing = client.post(
        url,
        {"row": row["index"], f"{prefix}-import_id": done.record.pk, f"{prefix}-row": row["index"]},
    )
    assert "Choose the person this row is." in missing.content.decode()
    matched = client.post(
        url,
        {
            "row": row["index"],
            f"{prefix}-import_id": done.record.pk,
            f"{prefix}-row": row["index"],
            f"{prefix}-person": people["dan"].pk,
        },
        follow=True,
    )
    html = matched.content.decode()
    assert "Row matched to Dan Test." in html and "Matched to Dan Test" in html
    assert attendance(event)["Dan"] == (True, 75, "manual")


@pytest.mark.django_db
def test_a_group_is_declared_on_the_page(cast, event, people):
    attendance_report_import(event=event, by=None, file=JOINS, filename="p.csv")
    client = client_for(cast.harriet)
    url = reverse("events:group_attendance", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Fay Test" in html  # eligible: may be named in a group
    assert "Sam South" not in html
    refused = client.post(url, {"host": people["pat"].pk}).content.decode()
    assert "Choose at least one member of the group." in refused
    done = client.post(
        url,
        {"host": people["pat"].pk, "members": [people["dan"].pk, people["fay"].pk]},
        follow=True,
    )
    assert (
        "2 people who joined on Pat Participant&#x27;s link are marked as attended."
        in done.content.decode()
    )
    after = attendance(event)
    assert after["Dan"] == after["Fay"] == (True, 84, "group")


@pytest.mark.django_db
def test_the_report_page_makes_few_queries_for_many_rows(
    cast, event, django_assert_max_num_queries
):
    rows = ["Name (Original Name),User Email,Total Duration (Minutes),Guest"]
    for n in range(40):
        Registration.objects.create(
            event=event, person=f.PersonFactory(), status=RegistrationStatus.CONFIRMED
        )
        rows.append(f"Guest {n},,70,")
    data = "\r\n".join(rows).encode()
    attendance_report_import(event=event, by=cast.leo.person, file=data, filename="p.csv")
    client = client_for(cast.leo)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("events:attendance_import", args=[event.pk]))
    assert response.content.decode().count("Choose a person") == 40


# The API.


def api_url(event, what: str) -> str:
    return f"/api/v1/events/{event.pk}/{what}"


@pytest.mark.django_db
def test_by_api_an_organiser_imports_a_report_and_reads_the_attendance(cast, event, people):
    client = client_for(cast.leo)
    response = client.post(api_url(event, "attendance-report"), {"file": upload()})
    assert response.status_code == 200
    body = response.json()
    assert {
        k: body[k] for k in ("layout", "people", "matched", "attended", "not_attended", "absent")
    } == {
        "layout": "joins",
        "people": 5,
        "matched": 2,
        "attended": 1,
        "not_attended": 1,
        "absent": 1,
    }
    assert [(row["index"], row["name"], row["minutes"]) for row in body["unmatched"]] == [
        (0, "Leo Lead", 97),
        (1, "Cara Clark (AbCdEfGh12345678)", 90),
        (2, "Dan Dixon", 75),
    ]
    listed = client.get(api_url(event, "attendance")).json()
    assert [(r["name"], r["attended"], r["minutes"], r["source"]) for r in listed] == [
        ("Pat Participant", True, 84, "report"),
        ("Ben Test", False, 45, "report"),
        ("Dan Test", False, 0, "report"),
    ]


@pytest.mark.django_db
def test_by_api_a_bad_file_answers_422_with_the_message(cast, event, people):
    response = client_for(cast.leo).post(
        api_url(event, "attendance-report"), {"file": upload(b"Full Name,Email\r\nPat,p@x.org\r\n")}
    )
    assert response.status_code == 422
    assert response.json()["message"].startswith("Line 1: this is not a Zoom attendance report")
    assert not AttendanceImport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("nadia", 403),
        ("pat", 403),
        ("sam", 404),
        ("simon", 404),
        ("harriet", 200),
    ],
)
def test_by_api_only_organisers_import_and_read_attendance(cast, event, people, persona, status):
    client = client_for(None if persona == "anonymous" else getattr(cast, persona))
    assert client.get(api_url(event, "attendance")).status_code == status
    posted = client.post(api_url(event, "attendance-report"), {"file": upload()})
    assert posted.status_code == status
    assert AttendanceImport.objects.exists() == (status == 200)


@pytest.mark.django_db
def test_by_api_the_attendance_list_makes_few_queries(cast, event, django_assert_max_num_queries):
    for _ in range(40):
        Registration.objects.create(
            event=event, person=f.PersonFactory(), status=RegistrationStatus.CONFIRMED
        )
    client = client_for(cast.leo)
    with django_assert_max_num_queries(12):
        assert len(client.get(api_url(event, "attendance")).json()) == 40


@pytest.mark.django_db
def test_the_register_of_an_event_to_come_says_when_it_opens_and_keeps_the_ticks(cast, people):
    soon = timezone.now() + dt.timedelta(days=14)
    event = f.EventFactory(activity=cast.activity, starts_at=soon)
    Registration.objects.create(
        event=event, person=cast.pat.person, status=RegistrationStatus.CONFIRMED
    )
    url = reverse("events:register", args=[event.pk])
    response = client_for(cast.leo).post(url, {"attended": [cast.pat.person.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This event has not started yet: record attendance once it has started" in html
    assert " checked" in html  # what was ticked is kept
    assert not Registration.objects.filter(event=event, attendance_source__gt="").exists()
