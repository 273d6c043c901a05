"""Benchmark: programme figures on the national demo (ISSUE 11, "Speed").

Run with `make bench` or `.venv/bin/python benchmarks/run.py reporting`. Builds the
national demo on a throw-away SQLite file (`MATHSHUBS_BENCH_DATABASE_URL`: a PostgreSQL
database to build it in instead; `MATHSHUBS_BENCH_BUILT`: the URL of a demo already
built, to measure it as it is), then:

1. times the figures of the national dashboard (`counting.figure_values`: every figure,
   for the year and the one before) and one hand-written SQL query per figure computing
   the same numbers for the year, prints both and their ratio (aim: within 1.5 times),
   and checks every number agrees;
2. times the pages as the national team (England's dashboard, cold: nothing cached) and
   as the demo hub lead (their hub's dashboard): median and 95th percentile;
3. times the national report's PDF for the year, cold, as the task worker makes it
   (aim: under 10 s), and counts its pages.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.pages import HEADER, demo_database, measure, row, signed_in

YEAR = 2022
ROUNDS = 5

SCHOOL = "i.is_state_funded AND i.phase <> 'itt'"
SECONDARY = "i.phase IN ('secondary', 'all_through')"
ENROLMENTS = (
    "SELECT COUNT(DISTINCT s.institution_id) FROM activities_activityschool s "
    "JOIN activities_activity a ON a.id = s.activity_id "
    "JOIN directory_institution i ON i.id = s.institution_id "
    "LEFT JOIN catalogue_ncp n ON n.id = a.ncp_id "
    "WHERE a.academic_year = %s AND s.status <> 'withdrawn' AND {}"
)
POST16 = (
    "CAST(n.phases AS TEXT) LIKE '%%\"post16\"%%' "
    "AND CAST(n.phases AS TEXT) NOT LIKE '%%\"primary\"%%' "
    "AND CAST(n.phases AS TEXT) NOT LIKE '%%\"secondary\"%%'"
)
COMPLETIONS = (
    "SELECT COUNT(*) FROM evaluation_surveycompletion c "
    "JOIN evaluation_survey v ON v.id = c.survey_id "
    "JOIN evaluation_surveyseries r ON r.id = v.series_id "
    "WHERE r.academic_year = %s AND r.ncp_id IS NULL AND v.audience = '{}' "
    "AND EXISTS (SELECT 1 FROM activities_participation p WHERE p.activity_id = c.activity_id "
    "AND p.person_id = c.person_id AND p.status <> 'withdrawn')"
)
EXPECTED = (
    "SELECT COUNT(*) FROM activities_participation p "
    "JOIN activities_activity a ON a.id = p.activity_id "
    "WHERE a.academic_year = %s AND p.status <> 'withdrawn' AND EXISTS (SELECT 1 FROM "
    "evaluation_survey v JOIN evaluation_surveyseries r ON r.id = v.series_id "
    "WHERE r.academic_year = a.academic_year AND r.ncp_id IS NULL AND v.audience = '{}')"
)


def _stage(*stages: str) -> str:
    return "n.journey_stage IN ({})".format(", ".join(f"'{s}'" for s in stages))


def _hand_written(start: dt.datetime, end: dt.datetime) -> dict[str, str]:
    """One query per figure (and per whole of a share), written by hand."""
    tfm = _stage("mastery_readiness", "development", "embedding", "sustaining")
    places = (
        "FROM events_registration g JOIN events_event e ON e.id = g.event_id "
        "WHERE g.status = 'confirmed' AND g.attended IS NOT NULL "
        "AND e.starts_at >= %s AND e.starts_at < %s"
    )
    return {
        "engaged": ENROLMENTS.format(SCHOOL),
        "schools": f"SELECT COUNT(*) FROM directory_institution i WHERE {SCHOOL}",  # noqa: S608
        "primary_tfm": ENROLMENTS.format(f"{SCHOOL} AND {tfm}"),
        **{
            stage: ENROLMENTS.format(f"{SCHOOL} AND {_stage(stage)}")
            for stage in ("mastery_readiness", "development", "embedding", "sustaining")
        },
        "mastering_number": ENROLMENTS.format(
            f"{SCHOOL} AND {_stage('mastering_number', 'embedding_the_impact')}"
        ),
        "secondary_engaged": ENROLMENTS.format(SECONDARY),
        "secondary_development": ENROLMENTS.format(
            f"{SECONDARY} AND {_stage('secondary_development')}"
        ),
        "secondary_embedding_year_support": ENROLMENTS.format(
            f"{SECONDARY} AND {_stage('embedding_year_support')}"
        ),
        "secondary_sustaining": ENROLMENTS.format(
            f"{SECONDARY} AND {_stage('secondary_embedding_sustaining')}"
        ),
        "active_llmes": "SELECT COUNT(DISTINCT l.person_id) FROM activities_activity_leads l "
        "JOIN activities_activity a ON a.id = l.activity_id WHERE a.academic_year = %s",
        "llmes_starting_programmes": "SELECT COUNT(DISTINCT person_id) FROM "
        "activities_developmentprogramme WHERE started_year = %s",
        "sktm_participants": "SELECT COUNT(DISTINCT p.person_id) FROM activities_participation p "
        "JOIN activities_activity a ON a.id = p.activity_id "
        "JOIN catalogue_ncp n ON n.id = a.ncp_id WHERE a.academic_year = %s "
        "AND p.status <> 'withdrawn' "
        "AND n.title LIKE 'Specialist Knowledge for Teaching Mathematics%%'",
        "post16_institutions": ENROLMENTS.format(POST16),
        "itt_providers": ENROLMENTS.format("i.phase = 'itt'"),
        "riwgs": "SELECT COUNT(*) FROM activities_activity WHERE academic_year = %s AND is_riwg",
        "riwg_schools": ENROLMENTS.format("a.is_riwg"),
        "network_events": "SELECT COUNT(*) FROM events_event e WHERE e.activity_id IS NULL "
        "AND e.hub_id IS NULL AND e.cancelled_at IS NULL AND e.starts_at >= %s "
        "AND e.starts_at < %s",
        "attendance": f"SELECT COUNT(*) {places} AND g.attended",
        "recorded_places": f"SELECT COUNT(*) {places}",
        "autumn_completion": COMPLETIONS.format("autumn"),
        "autumn_expected": EXPECTED.format("autumn"),
        "summer_completion": COMPLETIONS.format("summer"),
        "summer_expected": EXPECTED.format("summer"),
    }


def _timed(work: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mathshubs-reporting-bench-") as tmp:
        demo_database(Path(tmp), "reporting", reuse=True)
        from django.core.cache import cache
        from django.db import connection

        from mathshubs.accounts.models import User
        from mathshubs.dates import LONDON
        from mathshubs.demo.builder import HUB_EMAIL, NATIONAL_EMAIL
        from mathshubs.reporting.counting import ENGLAND, figure_values
        from mathshubs.reporting.definitions import DEFINITIONS

        start = dt.datetime(YEAR, 9, 1, tzinfo=LONDON)
        end = dt.datetime(YEAR + 1, 9, 1, tzinfo=LONDON)
        queries = _hand_written(start, end)

        def by_hand() -> dict[str, int]:
            found = {}
            with connection.cursor() as cursor:
                for key, sql in queries.items():
                    params = [start, end] if "starts_at" in sql else [YEAR] * sql.count("%s")
                    cursor.execute(sql, params)
                    found[key] = cursor.fetchone()[0]
            return found

        # What the dashboard counts: the year and the one before.
        shown = [d for d in DEFINITIONS if d.on_dashboard]
        ours_ms, values = _timed(lambda: figure_values(ENGLAND, shown, years=[YEAR - 1, YEAR]))
        hand_ms, hand = _timed(by_hand)
        year = values[YEAR]
        ours = {key: value.count for key, value in year.items()}
        ours.update(
            {
                "schools": year["engaged"].of,
                "recorded_places": year["attendance"].of,
                "autumn_expected": year["autumn_completion"].of,
                "summer_expected": year["summer_completion"].of,
            }
        )
        differ = {k: (ours.get(k), v) for k, v in hand.items() if ours.get(k) != v}
        print(f"database: {connection.vendor}; year {YEAR}/{(YEAR + 1) % 100:02d}")
        print(f"the dashboard's figures, 2 years (ours): {ours_ms:8.1f} ms")
        print(f"one hand-written query per figure, 1 y: {hand_ms:8.1f} ms ({len(queries)} queries)")
        print(f"ratio: {ours_ms / hand_ms:.2f} (aim: 1.5 at most)")
        print("numbers agree" if not differ else f"numbers DIFFER: {differ}")

        national = User.objects.select_related("person").get(email=NATIONAL_EMAIL)
        hub_lead = User.objects.select_related("person").get(email=HUB_EMAIL)
        clients = signed_in([national, hub_lead])
        hub_id = hub_lead.person.roles.exclude(hub=None).values_list("hub_id", flat=True)[0]
        print(HEADER)
        for label, who, url in (
            ("dashboard: England", national, "/reports/2022-23/"),
            ("dashboard: a hub", hub_lead, f"/reports/2022-23/?hub={hub_id}"),
            ("figure page: England", national, "/reports/2022-23/primary_tfm/"),
            ("XLSX: England", national, "/reports/2022-23/figures.xlsx"),
        ):
            timing = measure(clients[who.email], url, rounds=ROUNDS, before=cache.clear)
            print(row(label, who.email[:24], timing), flush=True)
        _report_pdf(cache)


def _report_pdf(cache: Any) -> None:
    from mathshubs.reporting.counting import ENGLAND
    from mathshubs.reporting.report import report_pdf

    times, content = [], b""
    for _ in range(3):
        cache.clear()
        started = time.perf_counter()
        content = report_pdf(scope=ENGLAND, year=YEAR, progress=lambda _done, _stage: None)
        times.append(time.perf_counter() - started)
    print(
        f"the national report's PDF, cold: median {statistics.median(times):.1f} s, "
        f"slowest {max(times):.1f} s (aim: under 10 s), {len(content) // 1024} KB",
        flush=True,
    )


if __name__ == "__main__":
    main()
