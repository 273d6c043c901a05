"""Smoke-test samples and expectations for the figures pages (merged into
tests/test_smoke.py)."""

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
# The national team and hub staff read figures; everyone else finds none; anonymous
# people are asked to sign in.
READERS = {"anonymous": 302, "nadia": 200, "harriet": 200, "simon": 200}
NO_ONE_ELSE = {"leo": 404, "pat": 404, "sam": 404}


def _harriets_export(c):
    """An export Harriet asked for (waiting for a worker): hers alone to read."""
    from mathshubs.reporting.models import ReportExport

    export = ReportExport.objects.create(
        requested_by=c.harriet, kind="report-pdf", academic_year=2023, scope_label="England"
    )
    return [export.pk], ""


ONLY_HARRIET = {
    "anonymous": 302,
    "harriet": 200,
    **dict.fromkeys(["nadia", "leo", "pat", "sam", "simon"], 404),
}
SAMPLES = {
    "reporting:export": _harriets_export,
    "reporting:export_progress": _harriets_export,
    "reporting:export_download": _harriets_export,
    "reporting:export_start": lambda c: ([2023], ""),
    "reporting:dashboard": lambda c: ([2023], ""),
    "reporting:dashboard_xlsx": lambda c: ([2023], ""),
    "api:report_figures": lambda c: (["2023-24"], ""),
    "api:report_figures_csv": lambda c: (["2023-24"], ""),
    "api:report_figure": lambda c: (["2023-24", "primary_tfm"], ""),
    "api:report_figure_rows_csv": lambda c: (["2023-24", "primary_tfm"], f"?hub={c.north.pk}"),
    "reporting:figure": lambda c: ([2023, "primary_tfm"], ""),
}
API_READERS = {"anonymous": 401, "nadia": 200, "harriet": 200, "simon": 200}
EXPECTED = {
    "reporting:export": ONLY_HARRIET,
    "reporting:export_progress": ONLY_HARRIET,
    # Not made yet: no one downloads it.
    "reporting:export_download": {**ONLY_HARRIET, "harriet": 404},
    # Asked for by a form's POST only.
    "reporting:export_start": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 405)},
    "reporting:dashboard_xlsx": {**READERS, **NO_ONE_ELSE},
    "api:report_figures": {**API_READERS, **NO_ONE_ELSE},
    "api:report_figures_csv": {**API_READERS, **NO_ONE_ELSE},
    "api:report_figure": {**API_READERS, **NO_ONE_ELSE},
    # The rows behind North's figure: the national team and North's staff only.
    "api:report_figure_rows_csv": {**API_READERS, "simon": 404, **NO_ONE_ELSE},
    "reporting:index": {**READERS, "nadia": 302, "harriet": 302, "simon": 302, **NO_ONE_ELSE},
    "reporting:dashboard": {**READERS, **NO_ONE_ELSE},
    "reporting:figure": {**READERS, **NO_ONE_ELSE},
}
