"""The events emails (ISSUE 5, part 9): who gets them (main contact emails), their subjects
and deadline words, the .ics on a confirmation, the reminder before the deadline, and
that no email ever carries a join link or anyone's requirements."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.conf import settings
from django.core import mail

from mathshubs import mail as outgoing
from mathshubs.dates import LONDON
from mathshubs.events import emails, notify, selectors, services
from mathshubs.events.models import (
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.selectors import is_eligible
from mathshubs.events.services import waiting
from mathshubs.ops.schedule import JOBS
from tests import factories as f

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)  # the session is Thursday 7 March, online
PERSONAS = ["nadia", "harriet", "leo", "pat", "sam", "simon"]

# Subjects name what the event belongs to: the activity, then the title.
FULL_TITLE = "North Mastery Readiness Work Group: Fractions & decimals: Work Group meeting 3"


@pytest.fixture
def session(cast):
    return f.EventFactory(
        activity=cast.activity,
        title="Fractions & decimals: Work Group meeting 3",
        meeting_url="https://zoom.example/j/123456789",
        contact_email="north@hub.example",
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a service leaves for after the commit (the task, then its email)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _to(message) -> list[str]:
    return list(message.to)


# -- who is eligible, as one query -----------------------------------------------------


def test_eligible_people_are_those_the_selectors_find_eligible(cast, session):
    Invitation.objects.create(event=session, person=cast.sam.person)
    workshop = f.EventFactory(
        activity=None, hub=None, ncp=cast.mastery_readiness, kind=EventKind.NATIONAL_WORKSHOP
    )
    for event in (session, workshop):
        found = set(selectors.eligible_people(event))
        for name in PERSONAS:
            person = getattr(cast, name).person
            assert (person in found) == is_eligible(person=person, event=event), (name, event)
    assert set(selectors.eligible_people(workshop)) == {cast.leo.person}


def test_eligible_people_is_one_query(cast, session, django_assert_num_queries):
    for _ in range(5):
        f.ParticipationFactory(activity=cast.activity)
    with django_assert_num_queries(1):
        assert len(list(selectors.eligible_people(session))) == 7


# -- invitations -----------------------------------------------------------------------


def test_invitations_go_to_everyone_eligible_at_their_main_contact_email(cast, session, on_commit):
    Invitation.objects.create(event=session, person=cast.sam.person)
    with pytime(BEFORE):
        on_commit(lambda: notify.notify_invited(event=session))
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leo@north.example",
        "pat@north.example",
        "sam@south.example",
    ]
    message = mail.outbox[0]
    assert message.subject == f"Invitation: {FULL_TITLE}, 7 March 2024"
    assert "Fractions & decimals" in message.body  # plain text: nothing escaped
    assert "When: Thursday 7 March 2024, 4pm to 5:30pm" in message.body
    assert "Confirm by Tuesday 5 March 2024 at 23:59." in message.body
    assert f"Event page: {settings.SITE_URL}/events/{session.pk}/" in message.body
    session.refresh_from_db()
    assert session.invitations_sent_at == BEFORE


def test_invitations_to_everyone_are_sent_once(cast, session):
    assert emails.invitations_send(event_id=session.pk, now=BEFORE) == 2
    assert emails.invitations_send(event_id=session.pk, now=BEFORE) == 0
    assert len(mail.outbox) == 2


def test_invitations_to_a_list_skip_anyone_not_eligible(cast, session):
    sent = emails.invitations_send(
        event_id=session.pk, person_ids=[cast.pat.person.pk, cast.sam.person.pk], now=BEFORE
    )
    assert sent == 1
    assert [_to(m) for m in mail.outbox] == [["pat@north.example"]]


def test_invitations_skip_people_who_already_replied(cast, session):
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    emails.invitations_send(event_id=session.pk, now=BEFORE)
    assert [_to(m) for m in mail.outbox] == [["leo@north.example"]]


def test_invitations_to_thousands_take_a_constant_number_of_queries(
    cast, session, django_assert_max_num_queries
):
    for _ in range(40):
        f.ParticipationFactory(activity=cast.activity)
    with django_assert_max_num_queries(4):
        assert emails.invitations_send(event_id=session.pk, now=BEFORE) == 42


def test_no_invitations_for_a_cancelled_or_past_event(cast, session):
    session.cancelled_at = BEFORE
    session.save()
    assert emails.invitations_send(event_id=session.pk, now=BEFORE) == 0
    other = f.EventFactory(activity=cast.activity)
    assert emails.invitations_send(event_id=other.pk, now=other.starts_at) == 0
    assert mail.outbox == []


# -- confirmation ----------------------------------------------------------------------


def test_confirming_emails_the_person_with_the_event_as_an_ics_file(cast, session, on_commit):
    on_commit(
        lambda: services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    )
    [message] = mail.outbox
    assert _to(message) == ["pat@north.example"]
    assert message.subject.startswith(
        "Attendance confirmed: North Mastery Readiness Work Group: Fractions & decimals"
    )
    assert "Connect" in message.body and "do not share" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == "event.ics" and mimetype == "text/calendar"
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent.decoded("dtstart") == dt.datetime(2024, 3, 7, 16, 0, tzinfo=LONDON)
    assert str(vevent["summary"]) == session.full_title


def test_confirming_twice_sends_one_email(cast, session, on_commit):
    for _ in range(2):
        on_commit(
            lambda: services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
        )
    assert len(mail.outbox) == 1


def test_a_refused_confirmation_sends_nothing(cast, session, on_commit):
    session.capacity = 0
    session.save()
    with pytest.raises(Exception, match="full"):
        on_commit(
            lambda: services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
        )
    assert mail.outbox == []


def test_a_face_to_face_confirmation_points_to_the_requirements_tab(cast, on_commit):
    event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 School Lane\nNorthtown NT1 1AA",
        starts_at=dt.datetime(2024, 3, 21, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2024, 3, 21, 15, 0, tzinfo=LONDON),
    )
    on_commit(
        lambda: services.registration_confirm(event=event, person=cast.pat.person, now=BEFORE)
    )
    [message] = mail.outbox
    assert "Where: North Primary, 1 School Lane, Northtown NT1 1AA" in message.body
    assert "When: Thursday 21 March 2024, 9:30am to 3pm" in message.body
    assert "Requirements tab" in message.body and '"Save"' in message.body
    assert "Connect" not in message.body


def test_no_confirmation_email_once_the_person_has_cancelled(cast, session):
    registration = services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    services.registration_cancel(event=session, person=cast.pat.person, now=BEFORE)
    assert emails.confirmation_send(registration_id=registration.pk) == 0


# -- change and cancellation by the organiser -------------------------------------------


def test_a_change_is_emailed_to_the_people_holding_a_place(cast, session, on_commit):
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    mail.outbox.clear()
    on_commit(
        lambda: notify.notify_changed(
            event=session, changes=["Start: 5pm on Thursday 7 March 2024 (was 4pm)"]
        )
    )
    [message] = mail.outbox
    assert _to(message) == ["pat@north.example"]
    assert message.subject == f"Event changed: {FULL_TITLE}, 7 March 2024"
    assert "- Start: 5pm on Thursday 7 March 2024 (was 4pm)" in message.body


def test_a_cancellation_is_emailed_to_confirmed_and_waiting_people(cast, session, on_commit):
    session.capacity = 1
    session.save()
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    waiting.waiting_list_join(event=session, person=cast.leo.person, now=BEFORE)
    Registration.objects.create(
        event=session, person=cast.sam.person, status=RegistrationStatus.CANCELLED
    )
    mail.outbox.clear()
    on_commit(lambda: notify.notify_cancelled(event=session))
    assert sorted(m.to[0] for m in mail.outbox) == ["leo@north.example", "pat@north.example"]
    assert all(
        m.subject.startswith("Event cancelled: North Mastery Readiness Work Group: Fractions")
        for m in mail.outbox
    )
    assert "Why it was cancelled" not in mail.outbox[0].body  # no reason recorded


def test_a_cancellation_email_gives_the_reason(cast, session, on_commit):
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    session.cancelled_at, session.cancellation_reason = BEFORE, "The venue has flooded"
    session.save()
    mail.outbox.clear()
    on_commit(lambda: notify.notify_cancelled(event=session))
    [message] = mail.outbox
    assert "Why it was cancelled: The venue has flooded" in message.body


# -- the waiting-list offer ------------------------------------------------------------


def test_an_offer_says_the_place_must_be_confirmed_by_the_deadline(cast, session, on_commit):
    session.capacity = 1
    session.save()
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    waiting.waiting_list_join(event=session, person=cast.leo.person, now=BEFORE)
    mail.outbox.clear()
    on_commit(
        lambda: services.registration_cancel(event=session, person=cast.pat.person, now=BEFORE)
    )
    [message] = mail.outbox
    assert _to(message) == ["leo@north.example"]
    assert message.subject == (f"A place is free for you: {FULL_TITLE}, 7 March 2024")
    assert "You must confirm by Tuesday 5 March 2024 at 23:59 to take it." in message.body


# -- the reminder ----------------------------------------------------------------------


def test_the_reminder_is_due_three_working_days_before_the_deadline(session):
    # Deadline Tuesday 5 March; three working days before: Thursday 29 February (2024 leap).
    assert emails.reminder_from(session) == dt.datetime(2024, 2, 29, 8, 0, tzinfo=LONDON)
    easter = f.EventFactory(starts_at=dt.datetime(2024, 4, 3, 16, 0, tzinfo=LONDON))
    # Online on Wednesday 3 April 2024: deadline Thursday 28 March (Easter Monday 1 April
    # and Good Friday 29 March skipped); three working days before: Monday 25 March.
    assert emails.reminder_from(easter) == dt.datetime(2024, 3, 25, 8, 0, tzinfo=LONDON)


def test_the_reminder_goes_to_eligible_people_who_have_not_replied(cast, session):
    services.registration_confirm(event=session, person=cast.pat.person, now=BEFORE)
    replied = f.PersonFactory(email="replied@north.example")
    f.ParticipationFactory(activity=cast.activity, person=replied)
    services.registration_confirm(event=session, person=replied, now=BEFORE)
    services.registration_cancel(event=session, person=replied, now=BEFORE)
    quiet = f.PersonFactory(email="quiet@north.example")
    f.ParticipationFactory(activity=cast.activity, person=quiet)
    assert emails.reminders_send(now=dt.datetime(2024, 2, 29, 7, 59, tzinfo=LONDON)) == 0
    due = dt.datetime(2024, 2, 29, 8, 0, tzinfo=LONDON)
    assert emails.reminders_send(now=due) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["leo@north.example", "quiet@north.example"]
    message = mail.outbox[0]
    assert message.subject == (f"Reminder: confirm by Tuesday 5 March for {FULL_TITLE}")
    assert "Confirm by Tuesday 5 March 2024 at 23:59." in message.body
    session.refresh_from_db()
    assert session.reminder_sent_at == due
    assert emails.reminders_send(now=due + dt.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2


def test_no_reminder_after_the_deadline_or_for_a_cancelled_event(cast, session):
    cancelled = f.EventFactory(activity=cast.activity, cancelled_at=BEFORE)
    assert emails.reminders_send(now=dt.datetime(2024, 3, 6, 9, 0, tzinfo=LONDON)) == 0
    assert emails.reminders_send(now=BEFORE) == 2  # the session, not the cancelled one
    cancelled.refresh_from_db()
    assert cancelled.reminder_sent_at is None


def test_the_reminders_run_every_hour():
    job = next(job for job in JOBS if job.task == "mathshubs.events.tasks.reminders_send")
    assert job.every == dt.timedelta(hours=1)


def test_the_reminders_task_runs(cast, session):
    from mathshubs.events.tasks import reminders_send

    result = reminders_send.enqueue()
    assert result.return_value == 0  # now (the real clock) is long after the session


# -- what never goes in an email ---------------------------------------------------------


def test_no_email_carries_a_join_link_or_requirements(cast, on_commit):
    event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        capacity=1,
        meeting_url="https://zoom.example/j/999",
        starts_at=dt.datetime(2024, 3, 28, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2024, 3, 28, 15, 0, tzinfo=LONDON),
    )
    online = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    f.ParticipationFactory(activity=cast.activity, person=f.PersonFactory(email="q@north.example"))
    with pytime(BEFORE):
        on_commit(lambda: notify.notify_invited(event=event))
    pat, leo = cast.pat.person, cast.leo.person
    on_commit(lambda: services.registration_confirm(event=event, person=pat, now=BEFORE))
    services.requirements_save(
        event=event, person=pat, dietary="NUT-ALLERGY", access="RAMP", other="X-OTHER"
    )
    waiting.waiting_list_join(event=event, person=leo, now=BEFORE)
    on_commit(lambda: notify.notify_changed(event=event, changes=["Venue: North Primary"]))
    on_commit(lambda: services.registration_cancel(event=event, person=pat, now=BEFORE))
    reg = on_commit(lambda: services.registration_confirm(event=online, person=pat, now=BEFORE))
    Registration.objects.filter(pk=reg.pk).update(join_url="https://zoom.example/w/PERSONAL")
    on_commit(lambda: notify.notify_changed(event=online, changes=["Title"]))
    # Face to face on Thursday 28 March: deadline Thursday 14 March, reminder from Monday 11.
    emails.reminders_send(now=dt.datetime(2024, 3, 12, 9, 0, tzinfo=LONDON))
    on_commit(lambda: notify.notify_cancelled(event=event))
    kinds = {m.subject.split(":")[0] for m in mail.outbox}
    assert kinds == {
        "Invitation",
        "Attendance confirmed",
        "Event changed",
        "Event cancelled",
        "A place is free for you",
        "Reminder",
    }
    reg.refresh_from_db()
    for message in mail.outbox:
        text = message.body + "".join(str(a[1]) for a in message.attachments)
        for secret in ("zoom.example", "NUT-ALLERGY", "RAMP", "X-OTHER", reg.link_token):
            assert secret not in text, (message.subject, secret)


def pytime(moment):
    import time_machine

    return time_machine.travel(moment, tick=False)


def test_inviting_thousands_is_one_task_and_one_connection(cast, session, on_commit, monkeypatch):
    from django.core import mail as django_mail

    from mathshubs.events import tasks

    for _ in range(30):
        f.ParticipationFactory(activity=cast.activity)
    enqueued, connections = [], []
    task = tasks.invitations_send

    class Counted:
        def enqueue(self, **kwargs):
            enqueued.append(kwargs)
            return task.enqueue(**kwargs)

    def counted_connection(*args, **kwargs):
        connections.append(1)
        return django_mail.get_connection(*args, **kwargs)

    monkeypatch.setattr(tasks, "invitations_send", Counted())
    monkeypatch.setattr(outgoing, "get_connection", counted_connection)
    with pytime(BEFORE):
        on_commit(lambda: notify.notify_invited(event=session))
    assert enqueued == [{"event_id": session.pk, "person_ids": None}]
    assert connections == [1]
    assert len(mail.outbox) == 32
