"""confirmation_deadline: 2 working days before an online event, 10 before a face-to-face one,
at 23:59 in London (2023/24 handbook, Practicalities; ISSUE 5, part 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from mathshubs.dates import LONDON
from mathshubs.events.models import EventFormat
from mathshubs.events.rules import confirmation_deadline, confirmation_open
from tests import factories as f

pytestmark = pytest.mark.django_db


def london(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def event_on(start: dt.datetime, fmt: str = EventFormat.ONLINE):
    return f.EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1), format=fmt)


def test_an_online_event_on_thursday_7_march_2024_can_be_confirmed_until_tuesday_23_59():
    deadline = confirmation_deadline(event_on(london(2024, 3, 7, 16, 0)))
    assert deadline == london(2024, 3, 5, 23, 59, 59)


def test_a_face_to_face_event_needs_ten_working_days():
    deadline = confirmation_deadline(event_on(london(2024, 3, 7, 9, 30), EventFormat.FACE_TO_FACE))
    assert deadline == london(2024, 2, 22, 23, 59, 59)


def test_it_counts_back_over_a_weekend():
    assert confirmation_deadline(event_on(london(2024, 3, 11, 9, 0))).date() == dt.date(2024, 3, 7)


def test_it_skips_christmas_and_new_year():
    # Tuesday 2 January 2024: 1 January, 26 and 25 December are bank holidays.
    deadline = confirmation_deadline(event_on(london(2024, 1, 2, 16, 0)))
    assert deadline.date() == dt.date(2023, 12, 28)


def test_it_skips_easter():
    # Wednesday 3 April 2024: Easter Monday 1 April and Good Friday 29 March are holidays.
    deadline = confirmation_deadline(event_on(london(2024, 4, 3, 16, 0)))
    assert deadline.date() == dt.date(2024, 3, 28)


def test_the_event_date_is_its_date_in_london_not_in_utc():
    # 00:30 on Wednesday 3 April 2024 in London (summer time) is still Tuesday 2 April in
    # UTC; counting from the Tuesday would give Wednesday 27 March.
    start = london(2024, 4, 3, 0, 30)
    assert start.astimezone(dt.UTC).date() == dt.date(2024, 4, 2)
    assert confirmation_deadline(event_on(start)).date() == dt.date(2024, 3, 28)


def test_confirmation_is_open_until_the_last_second_of_the_deadline_day():
    event = event_on(london(2024, 3, 7, 16, 0))
    assert confirmation_open(event, london(2024, 3, 5, 23, 59, 59))
    assert not confirmation_open(event, london(2024, 3, 6, 0, 0, 0))


def test_a_cancelled_event_takes_no_confirmations():
    event = event_on(london(2024, 3, 7, 16, 0))
    event.cancelled_at = london(2024, 2, 1, 9, 0)
    assert not confirmation_open(event, london(2024, 3, 1, 9, 0))
