"""Benchmark: the HAPPI pages, the evaluation timelines and saving a survey page on the
national demo (ISSUE 10, "Speed").

Run with `make bench` or `.venv/bin/python benchmarks/run.py happi`. Builds the national
demo on a throw-away SQLite file (benchmarks/pages.py's helpers), then asks the pages as
the national team, the demo hub lead and the demo LLME, and times saving a Plan draft and
saving a section of a survey as a participant (POSTs), printing median and 95th
percentile server time and queries. Aims: a survey page saves in under 50 ms median.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.pages import HEADER, ROUNDS, Timing, demo_database, measure, row, signed_in

SAVE_TARGET_MS = 50.0


def measure_post(client: Any, url: str, data: Any, rounds: int = ROUNDS) -> Timing:
    """Median and 95th percentile server time of `rounds` POSTs, and their queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.post(url, data)
    assert first.status_code in (200, 302), (url, first.status_code)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.post(url, data)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.post(url, data)
    times.sort()
    return Timing(
        statistics.median(times), times[int(len(times) * 0.95) - 1], len(captured.captured_queries)
    )


def _open_survey() -> tuple[Any, Any, Any, Any]:
    """The demo's 2023/24 autumn survey opened today (this throw-away database only), and a
    participant of a covered activity who has not submitted it: (user, survey, activity,
    first section)."""
    import datetime as dt

    from django.utils import timezone

    from mathshubs.accounts.models import User
    from mathshubs.activities.models import EnrolmentStatus, Participation
    from mathshubs.evaluation.models import Survey, SurveyCompletion

    survey = Survey.objects.filter(audience="autumn", series__academic_year=2023).first()
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30)
    )
    done = SurveyCompletion.objects.filter(survey=survey).values("person_id")
    taking_part = (
        Participation.objects.filter(activity__academic_year=2023)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .exclude(person_id__in=done)
        .select_related("person", "activity")
        .order_by("pk")
        .first()
    )
    user, _ = User.objects.get_or_create(
        email=taking_part.person.email, defaults={"person": taking_part.person}
    )
    section = survey.version.sections.order_by("position").first()
    return user, survey, taking_part.activity, section


def _survey_answers(section: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {"action": "later"}
    for question in section.questions.order_by("position"):
        options = question.options or []
        if options:
            first = options[0]
            answers[question.key] = first.get("value", first) if isinstance(first, dict) else first
        elif question.kind == "number":
            answers[question.key] = str(question.min_value or 1)
        else:
            answers[question.key] = "Reasoning with bar models"
    return answers


def _plan_post(draft: dict[str, Any]) -> dict[str, Any]:
    """The Plan page's fields as the lead would post them back unchanged, saving a draft."""
    data: dict[str, Any] = {"action": "save", "methods": draft.get("methods", [])}
    data["other_method"] = draft.get("other_method", "")
    for outcome in draft.get("outcomes", []):
        key = outcome["key"]
        if outcome.get("source") == "national":
            data[f"{key}-chosen"] = "1"
        data[f"{key}-text"], data[f"{key}-evidence"] = outcome["text"], outcome["evidence"]
    return data


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-happi-bench-") as tmp:
        demo_database(Path(tmp))
        from mathshubs.accounts.models import User
        from mathshubs.activities.models import Activity
        from mathshubs.demo.builder import HUB_EMAIL, LLME_EMAIL, NATIONAL_EMAIL
        from mathshubs.evaluation.models import HappiForm

        users = {u.email: u for u in User.objects.select_related("person")}
        llme = users[LLME_EMAIL]
        led = Activity.objects.filter(leads=llme.person, academic_year=2023, happi__isnull=False)
        activity = led.order_by("pk").first()
        participant, survey, taking_part, section = _open_survey()
        clients = signed_in([users[NATIONAL_EMAIL], users[HUB_EMAIL], llme, participant])
        print(
            f"{HappiForm.objects.count():,} HAPPI forms; activity {activity.pk} ({activity.title})"
        )
        print(HEADER)
        cases = [
            ("HAPPI forms, national", NATIONAL_EMAIL, "/happi/?year=2023"),
            ("HAPPI forms, national CSV", NATIONAL_EMAIL, "/happi/forms.csv?year=2023"),
            ("HAPPI forms, hub", HUB_EMAIL, "/happi/?year=2023"),
            ("HAPPI task list", LLME_EMAIL, f"/activities/{activity.pk}/happi/"),
            ("HAPPI plan section", LLME_EMAIL, f"/activities/{activity.pk}/happi/plan/"),
            ("HAPPI API", LLME_EMAIL, f"/api/v1/activities/{activity.pk}/happi"),
            ("Evaluation timeline", LLME_EMAIL, f"/activities/{activity.pk}/timeline/"),
            ("Timelines, hub", HUB_EMAIL, "/timeline/"),
            ("Home page, LLME", LLME_EMAIL, "/"),
        ]
        for label, who, url in cases:
            print(row(label, who, measure(clients[who], url)), flush=True)
        editable = (
            led.filter(happi__sections__kind="plan")
            .exclude(happi__sections__kind="plan", happi__sections__status="submitted")
            .order_by("pk")
            .first()
        )
        plan = HappiForm.objects.get(activity=editable).sections.get(kind="plan")
        saving_plan = measure_post(
            clients[LLME_EMAIL], f"/activities/{editable.pk}/happi/plan/", _plan_post(plan.draft)
        )
        print(row("HAPPI plan: save draft", LLME_EMAIL, saving_plan))
        url = f"/surveys/{survey.pk}/activities/{taking_part.pk}/sections/{section.pk}/"
        saving = measure_post(clients[participant.email], url, _survey_answers(section))
        print(row("Survey page: save", participant.email[:24], saving))
        verdict = "within" if saving.median_ms < SAVE_TARGET_MS else "OVER"
        print(
            f"saving a survey page: {saving.median_ms:.1f} ms median, "
            f"{verdict} the {SAVE_TARGET_MS:.0f} ms aim"
        )


if __name__ == "__main__":
    main()
