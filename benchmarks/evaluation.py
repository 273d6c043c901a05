"""Benchmark: survey completion and the autumn-to-summer comparison, nationally (ISSUE 10,
parts 3 and 4, "Speed").

Run with `make bench` or `.venv/bin/python -c "import benchmarks.evaluation as b; b.main()"`.
Builds the national demo on a throw-away SQLite file (about two minutes;
`MATHSHUBS_BENCH_SCALE=small` builds three hubs instead), then
asks, as the demo's national team, the national completion page and API of the current
year's autumn survey and the national matched comparison (page and API) of its series,
and prints the median and 95th percentile server time and the queries; the comparison
both as most readers get it (its sums kept in the cache) and as the first reader after an
answer changes (the cache emptied before each request). The number of
queries does not grow with the data (pinned in tests/evaluation/results/test_speed.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.pages import HEADER, demo_database, measure, row, signed_in


def main() -> None:
    scale = os.environ.get("MATHSHUBS_BENCH_SCALE", "national")
    with tempfile.TemporaryDirectory(prefix="mathshubs-evaluation-bench-") as tmp:
        demo_database(Path(tmp), "evaluation", scale=scale)
        from mathshubs.accounts.models import User
        from mathshubs.demo.builder import NATIONAL_EMAIL
        from mathshubs.evaluation.surveys.models import (
            Audience,
            PseudonymousResponse,
            Survey,
            SurveyCompletion,
        )

        autumn = (
            Survey.objects.filter(audience=Audience.AUTUMN, series__ncp__isnull=True)
            .order_by("-series__academic_year")
            .first()
        )
        summer = Survey.objects.get(series=autumn.series, audience=Audience.SUMMER)
        national = User.objects.select_related("person").get(email=NATIONAL_EMAIL)
        client = signed_in([national])[national.email]
        completions = SurveyCompletion.objects.filter(survey__in=[autumn, summer]).count()
        responses = PseudonymousResponse.objects.filter(survey__in=[autumn, summer]).count()
        print(
            f"scale {scale}: {autumn.title} and {summer.title}, {completions:,} completions, "
            f"{responses:,} responses"
        )
        print(HEADER)
        from django.core.cache import cache

        for label, url, before in (
            ("completion page: national", f"/surveys/{autumn.pk}/completion/", None),
            ("completion API: national", f"/api/v1/surveys/{autumn.pk}/completion", None),
            ("comparison page: national", f"/surveys/{summer.pk}/comparison/", None),
            ("comparison API: national", f"/api/v1/surveys/{summer.pk}/comparison", None),
            # The first reader after an answer changes works the sums out (then cached).
            ("comparison page: first read", f"/surveys/{summer.pk}/comparison/", cache.clear),
            ("comparison API: first read", f"/api/v1/surveys/{summer.pk}/comparison", cache.clear),
            ("results page: national", f"/surveys/{autumn.pk}/results/", None),
        ):
            timing = measure(client, url, before=before)
            print(row(label, national.email[:24], timing), flush=True)


if __name__ == "__main__":
    main()
