"""catalogue_copy, catalogue_publish, catalogue_export_yaml and `mathshubs copy-catalogue`."""

from __future__ import annotations

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from mathshubs.catalogue import services
from mathshubs.catalogue.importers import catalogue_import, catalogue_load
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.catalogue.services import (
    CatalogueError,
    catalogue_copy,
    catalogue_export_yaml,
    catalogue_publish,
)
from tests.catalogue.catalogue_files import (
    MASTERING_NUMBER,
    MASTERY_READINESS,
    SKTM,
    catalogue,
    write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(tmp_path) -> AcademicYear:
    return catalogue_load(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER, SKTM)))


def _rows(year: AcademicYear) -> list[dict]:
    return [
        {k: v for k, v in model_to_dict(ncp).items() if k not in ("id", "year")}
        for ncp in year.ncps.order_by("code")
    ]


def test_copying_forward_drafts_the_next_year_with_renumbered_codes(year_2023):
    target = catalogue_copy(source_year=2023, target_year=2024)

    assert (target.start_year, target.status, target.copied_from) == (2024, "draft", year_2023)
    assert target.source == "Copied from 2023/24"
    codes = list(target.ncps.order_by("number", "suffix").values_list("code", flat=True))
    assert codes == ["NCP24-07a", "NCP24-08", "NCP24-26"]
    copy = NCP.objects.get(code="NCP24-08")
    assert copy.project_year == 3  # 2nd year in 2023/24
    assert copy.finances == NCP.objects.get(code="NCP23-08").finances
    assert year_2023.ncps.count() == 3  # the source is untouched


def test_copying_backward_moves_project_years_back_but_never_below_one(year_2023):
    target = catalogue_copy(source_year=2023, target_year=2021, status="published", source="Demo")
    assert (target.status, target.source) == ("published", "Demo")
    assert NCP.objects.get(code="NCP21-08").project_year == 1  # 2 - 2, kept at 1
    assert NCP.objects.get(code="NCP21-07a").project_year is None


def test_copying_into_a_year_that_has_ncps_is_refused(year_2023):
    catalogue_copy(source_year=2023, target_year=2024)
    with pytest.raises(CatalogueError) as refused:
        catalogue_copy(source_year=2023, target_year=2024)
    assert str(refused.value) == services.COPY_TARGET_FULL.format(year="2024/25", count=3, s="s")


def test_copying_a_missing_year_or_onto_itself_is_refused(year_2023):
    with pytest.raises(CatalogueError, match="There is no 2030/31 catalogue"):
        catalogue_copy(source_year=2030, target_year=2031)
    with pytest.raises(CatalogueError, match="Choose a different year"):
        catalogue_copy(source_year=2023, target_year=2023)


def test_publishing_a_draft_makes_it_published(year_2023):
    draft = catalogue_copy(source_year=2023, target_year=2024)
    catalogue_publish(year=draft, by=None)
    assert AcademicYear.objects.get(start_year=2024).status == "published"


def test_publishing_an_empty_year_is_refused(db):
    empty = AcademicYear.objects.create(start_year=2030, status="draft")
    with pytest.raises(CatalogueError, match="has no projects"):
        catalogue_publish(year=empty, by=None)


def test_an_exported_year_loads_back_to_the_same_rows(year_2023, tmp_path):
    before = _rows(year_2023)
    text = catalogue_export_yaml(year_2023)
    NCP.objects.all().delete()

    catalogue_load(write(tmp_path, text, "exported.yaml"))

    assert _rows(AcademicYear.objects.get(start_year=2023)) == before


def test_an_export_is_readable_yaml_in_the_file_format(year_2023):
    document = yaml.safe_load(catalogue_export_yaml(year_2023))
    assert (document["year"], document["status"]) == ("2023/24", "published")
    # In the menu's order, as the file listed them (not by number).
    assert [n["code"] for n in document["ncps"]] == ["NCP23-08", "NCP23-07a", "NCP23-26"]
    second = document["ncps"][1]
    assert "summary" not in second  # empty fields are left out
    rule = document["ncps"][0]["finances"]["rules"][0]
    assert rule["base_amount"] == 14150  # a number, as a person writes it


def test_a_rerun_of_an_exported_file_changes_nothing(year_2023, tmp_path):
    summary = catalogue_import(write(tmp_path, catalogue_export_yaml(year_2023), "again.yaml"))
    assert not summary.changed_anything


def test_the_command_copies_and_writes_the_draft_file(year_2023, tmp_path):
    output = tmp_path / "out" / "2024-25.yaml"
    out = StringIO()
    call_command("copy_catalogue", "2023/24", "2024-25", output=output, stdout=out)

    assert "Copied 3 projects from 2023/24 into 2024/25 as a draft." in out.getvalue()
    document = yaml.safe_load(output.read_text())
    assert (document["year"], document["status"]) == ("2024/25", "draft")
    assert [ncp["code"] for ncp in document["ncps"]] == ["NCP24-08", "NCP24-07a", "NCP24-26"]
    assert not catalogue_import(output).changed_anything


def test_the_command_refuses_a_bad_year_or_an_existing_output(year_2023, tmp_path):
    with pytest.raises(CommandError, match="not an academic year"):
        call_command("copy_catalogue", "2023/25", "2024/25")
    existing = write(tmp_path, "x", "taken.yaml")
    with pytest.raises(CommandError, match="already exists"):
        call_command("copy_catalogue", "2023/24", "2024/25", output=existing)
    assert not AcademicYear.objects.filter(start_year=2024).exists()
