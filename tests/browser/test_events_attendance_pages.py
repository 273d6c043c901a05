"""The attendance pages in a real browser: the register, a report import with a row matched
by hand, and group attendance, each passing axe-core."""

from __future__ import annotations

from django.urls import reverse

from mathshubs.events.models import Registration, RegistrationStatus
from tests import factories as f
from tests.browser.conftest import visible
from tests.browser.test_pages import check, sign_in
from tests.events.test_attendance_pages import JOINS, participant


def test_the_attendance_pages_work_and_are_accessible_in_a_browser(
    page,
    live_server,
    transactional_db,
    cast,
    tmp_path,
):
    event = f.EventFactory(activity=cast.activity, title="Spring meeting", minimum_minutes=60)
    for first, email in [("Ben", "ben@north.example"), ("Dan", "dan@north.example")]:
        Registration.objects.create(
            event=event,
            person=participant(cast, first, email),
            status=RegistrationStatus.CONFIRMED,
        )
    Registration.objects.create(
        event=event, person=cast.pat.person, status=RegistrationStatus.CONFIRMED
    )
    sign_in(page, live_server, cast.leo)

    page.goto(reverse("events:register", args=[event.pk]))
    check(page, "attendance-register", "Register")
    page.get_by_role("button", name="Select all").click()
    assert page.locator("input[name=attended]:checked").count() == 3
    page.get_by_label("Dan Test").uncheck()
    page.get_by_role("button", name="Save").click()
    assert "Attendance saved: 2 attended, 1 did not." in page.content()

    page.goto(reverse("events:attendance_import", args=[event.pk]))
    check(page, "attendance-import", "Attendance report")
    page.get_by_role("button", name="Import report").click()
    assert visible(page.locator(".govuk-error-summary"))
    check(page, "attendance-import-error", "Attendance report")
    report = tmp_path / "participants.csv"
    report.write_bytes(JOINS)
    page.get_by_label("Attendance report (CSV)").set_input_files(str(report))
    page.get_by_role("button", name="Import report").click()
    assert "3 to match by hand" in page.content()
    check(page, "attendance-import-done", "Attendance report")
    page.get_by_label("Who is Dan Dixon?").select_option(label="Dan Test")
    page.get_by_role("button", name="Match Dan Dixon").click()
    assert "Row matched to Dan Test." in page.content()

    page.goto(reverse("events:group_attendance", args=[event.pk]))
    check(page, "attendance-group", "Group attendance")
    page.get_by_label("Whose link did the group join on?").select_option(label="Pat Participant")
    page.get_by_label("Ben Test").check()
    page.get_by_role("button", name="Save").click()
    assert "1 person who joined on Pat Participant" in page.content()
