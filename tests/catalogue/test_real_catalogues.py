"""The repository's own catalogue files load with `mathshubs import-catalogue`, load
again without change, and survive an export and re-import unchanged."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from mathshubs.catalogue.importers import catalogue_import
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.catalogue.services import catalogue_export_yaml
from tests.catalogue.builders import CATALOGUE_2019, CATALOGUE_2023

pytestmark = pytest.mark.django_db


def test_import_catalogue_loads_both_real_files():
    out = StringIO()
    call_command("import_catalogue", str(CATALOGUE_2019), str(CATALOGUE_2023), stdout=out)
    assert "into 2019/20 (published): 25 created" in out.getvalue()
    assert "into 2023/24 (published): 35 created" in out.getvalue()
    assert AcademicYear.objects.get(start_year=2019).ncps.count() == 25
    assert AcademicYear.objects.get(start_year=2023).ncps.count() == 35

    again = StringIO()
    call_command("import_catalogue", str(CATALOGUE_2019), str(CATALOGUE_2023), stdout=again)
    assert again.getvalue().count("nothing changed") == 2


@pytest.mark.parametrize("path", [CATALOGUE_2019, CATALOGUE_2023], ids=["2019-20", "2023-24"])
def test_a_real_file_exported_and_loaded_again_gives_the_same_rows(path, tmp_path):
    year = catalogue_import(path).year
    before = [model_to_dict(ncp) for ncp in year.ncps.order_by("code")]
    exported = tmp_path / path.name
    exported.write_text(catalogue_export_yaml(year), encoding="utf-8")
    NCP.objects.all().delete()

    catalogue_import(exported)

    after = [model_to_dict(ncp) for ncp in year.ncps.order_by("code")]
    assert _without_ids(after) == _without_ids(before)


def _without_ids(rows: list[dict]) -> list[dict]:
    return [{key: value for key, value in row.items() if key != "id"} for row in rows]
