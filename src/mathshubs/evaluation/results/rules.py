"""Who sees what of the surveys' completion and results, and how often a reminder may go
(ISSUE 10, part 3; 2023/24 handbook, "Impact evaluation and quality assurance": "LLME can
access their own participants' national survey data").

- **Completion**: the national team every activity's, hub staff their hub's activities',
  an LLME the activities they lead. **Who has not responded** (names only, never which
  answer is whose): the activity's leads and its hub's staff only.
- **Results** (aggregated answers, and the autumn-to-summer comparison): the national team
  every breakdown; hub staff their hub and its activities; an LLME each activity they
  lead. Participants never. Every breakdown is subject to suppression (suppression.py).
- Results are shown once the survey has **closed**: while it is open, a lead who watches
  the list of non-respondents shrink by one name and the results move by one response
  would learn that person's answers.
- A **reminder** to an activity's non-respondents of an open participant survey: sent by
  the activity's leads, at most once every `REMINDER_WORKING_DAYS` working days per
  activity and survey.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mathshubs.activities.rules import is_staff_of_activity_hub, leads_activity
from mathshubs.dates import LONDON, is_working_day
from mathshubs.directory.rules import has_programme_role, is_national

REMINDER_WORKING_DAYS = 3

can_read_results = has_programme_role
can_read_activity_surveys = leads_activity | is_staff_of_activity_hub | is_national
can_see_non_respondents = leads_activity | is_staff_of_activity_hub
can_send_reminder = leads_activity


def working_days_after(day: dt.date, count: int) -> dt.date:
    """The working day `count` working days after `day` (`day` itself does not count):
    Monday 4 March 2024, 3 -> Thursday 7 March 2024."""
    while count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def reminder_next_possible(last_sent_at: dt.datetime | None) -> dt.datetime | None:
    """When the next reminder of an activity's survey may go: from 00:00 (London) on the
    working day `REMINDER_WORKING_DAYS` working days after the day of the last one; None
    when none was sent (now)."""
    if last_sent_at is None:
        return None
    day = working_days_after(last_sent_at.astimezone(LONDON).date(), REMINDER_WORKING_DAYS)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=LONDON)


def reminder_allowed(last_sent_at: dt.datetime | None, now: dt.datetime) -> bool:
    possible = reminder_next_possible(last_sent_at)
    return possible is None or now >= possible


def results_open(survey: Any, now: dt.datetime) -> bool:
    """Results are shown from the day after the survey closes."""
    from mathshubs.evaluation.surveys.rules import survey_closes_at

    return now > survey_closes_at(survey)
