"""Smoke-test samples and expectations for the figures pages (merged into
tests/access/samples.py)."""

# The national team and hub staff read figures; everyone else finds none; anonymous
# people are asked to sign in.


def _harriets_export(c):
    """An export Harriet asked for (waiting for a worker): hers alone to read."""
    from mathshubs.reporting.models import ReportExport

    export = ReportExport.objects.create(
        requested_by=c.harriet, kind="report-pdf", academic_year=2023, scope_label="England"
    )
    return [export.pk], ""


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
