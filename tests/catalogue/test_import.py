"""catalogue_import / catalogue_load: a year's YAML file, all or nothing."""

from __future__ import annotations

import copy
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mathshubs.catalogue import importers
from mathshubs.catalogue.importers import (
    catalogue_import,
    catalogue_load,
    catalogue_load_all,
)
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.directory.importers.base import ImportRefused
from tests import factories as f
from tests.catalogue.catalogue_files import (
    MASTERING_NUMBER,
    MASTERY_READINESS,
    SKTM,
    catalogue,
    write,
)

SKTM_NAMED = f'"{SKTM["title"]}" (NCP23-26)'

pytestmark = pytest.mark.django_db


def _refusal(path) -> str:
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(path)
    return refused.value.report()


def _snapshot() -> list[tuple]:
    return list(NCP.objects.order_by("code").values_list("code", "title", "year__start_year"))


def test_it_loads_the_year_and_every_field_of_each_ncp(tmp_path):
    year = catalogue_load(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER)))

    assert (year.start_year, year.status, year.source) == (2023, "published", "Test handbook")
    ncp = NCP.objects.get(code="NCP23-08")
    assert ncp.year == year
    assert (ncp.number, ncp.suffix, ncp.ncp_type) == (8, "", "work_group")
    assert (ncp.required, ncp.project_year, ncp.model_size) == (True, 2, 7)
    assert ncp.recommended_lead_days == Decimal("30")
    assert ncp.journey_stage == "mastery_readiness"
    assert ncp.outcomes == MASTERY_READINESS["outcomes"]
    assert ncp.participant_criteria[0] == {
        "key": "not_in_tfm",
        "label": "Not previously in a TfM Work Group",
        "essential": True,
    }
    assert ncp.criteria_minimum_other == 1
    assert ncp.national_schedule[1]["event"] == "Webinar (1 hour)"
    rule = ncp.finances["rules"][0]
    assert (rule["kind"], rule["base_amount"], rule["funder"]) == (
        "model_size",
        "14150",
        "hub_core_grant",
    )
    assert ncp.finances["notes"] == ["Travel to national workshops is covered by the MHNF."]
    mastering = NCP.objects.get(code="NCP23-07a")
    assert (mastering.number, mastering.suffix, mastering.phases) == (
        7,
        "a",
        ["early_years", "primary"],
    )


def test_a_code_written_the_older_way_is_stored_as_the_platform_writes_it(tmp_path):
    entry = {**MASTERING_NUMBER, "code": "ncp 23-7a"}
    catalogue_load(write(tmp_path, catalogue(entry)))
    assert list(NCP.objects.values_list("code", flat=True)) == ["NCP23-07a"]


def test_a_rerun_of_the_same_file_changes_nothing_and_says_so(tmp_path):
    path = write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER))
    first = catalogue_import(path)
    again = catalogue_import(path)

    assert first.counts == {"created": 2, "updated": 0, "unchanged": 0, "deleted": 0}
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "deleted": 0}
    assert not again.changed_anything
    assert again.report() == importers.REPORT_NOTHING_CHANGED.format(
        file=str(path), year="2023/24", count=2
    )


def test_a_changed_field_updates_only_that_ncp(tmp_path):
    catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER)))
    changed = {**MASTERING_NUMBER, "title": "Mastering Number Work Groups"}
    summary = catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS, changed)))

    assert summary.updated == ["NCP23-07a"]
    assert summary.counts["unchanged"] == 1
    assert NCP.objects.get(code="NCP23-07a").title == "Mastering Number Work Groups"


def test_an_ncp_no_longer_in_the_file_is_deleted(tmp_path):
    catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER)))
    summary = catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS)))

    assert summary.deleted == ["NCP23-07a"]
    assert list(NCP.objects.values_list("code", flat=True)) == ["NCP23-08"]


def test_an_ncp_no_longer_in_the_file_is_kept_while_hub_activities_run_it(tmp_path):
    catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER)))
    mastering = NCP.objects.get(code="NCP23-07a")
    f.ActivityFactory.create_batch(3, ncp=mastering, ncp_code=mastering.code)
    renamed = {**MASTERY_READINESS, "title": "Renamed"}

    report = _refusal(write(tmp_path, catalogue(renamed)))

    project = importers.project_label(MASTERING_NUMBER["title"], "NCP23-07a")
    assert importers.ERR_STILL_RUN.format(project=project, count=3, ies="ies", s="") in report
    assert (
        '"Mastering Number at Reception and KS1 Work Groups" (NCP23-07a) is no longer in the '
        "file, but 3 hub activities run it"
    ) in report
    assert NCP.objects.filter(code="NCP23-07a").exists()
    assert NCP.objects.get(code="NCP23-08").title == MASTERY_READINESS["title"]


def test_one_bad_ncp_among_good_ones_leaves_the_database_unchanged(tmp_path):
    catalogue_import(write(tmp_path, catalogue(MASTERY_READINESS, MASTERING_NUMBER)))
    before = _snapshot()
    bad = copy.deepcopy(MASTERY_READINESS)
    bad["finances"]["rules"][0]["base_amount"] = "lots"
    good = {**MASTERING_NUMBER, "title": "A new title"}
    path = write(tmp_path, catalogue(bad, good, SKTM))

    report = _refusal(path)

    assert f"{path}, line " in report
    assert (
        '"Mastery Readiness Work Groups" (NCP23-08), field finances.rules[0].base_amount: '
        "it should be a valid decimal"
    ) in report
    assert "(the file has 'lots')" in report
    assert _snapshot() == before


def test_nothing_is_created_when_a_new_year_is_refused(tmp_path):
    path = write(tmp_path, catalogue({**SKTM, "type": "seminar"}))
    report = _refusal(path)
    assert f"{SKTM_NAMED}, field type: it should be 'work_group', 'programme'" in report
    assert not AcademicYear.objects.exists()


def test_an_unknown_field_is_refused_naming_it(tmp_path):
    path = write(tmp_path, catalogue({**SKTM, "colour": "blue"}))
    report = _refusal(path)
    assert f"{SKTM_NAMED}, field colour: {importers.ERR_UNKNOWN_FIELD}" in report


def test_a_missing_field_is_refused_naming_it(tmp_path):
    entry = {key: value for key, value in SKTM.items() if key != "title"}
    report = _refusal(write(tmp_path, catalogue(entry)))
    # With no title, the project is named by its code.
    assert f"NCP23-26, field title: {importers.ERR_MISSING}" in report


def test_a_code_of_another_year_is_refused(tmp_path):
    report = _refusal(write(tmp_path, catalogue({**SKTM, "code": "NCP22-26"})))
    expected = importers.ERR_CODE_YEAR.format(code="NCP22-26", year="2023/24", yy="23")
    assert f'"{SKTM["title"]}" (NCP22-26), field code: {expected}' in report


def test_a_code_listed_twice_is_refused(tmp_path):
    report = _refusal(write(tmp_path, catalogue(SKTM, {**SKTM, "code": "ncp 23-26"})))
    assert "NCP23-26 is listed twice (also at line 4)" in report


def test_a_malformed_code_is_named_by_the_title_of_its_project_with_a_hint_of_the_year(
    tmp_path,
):
    report = _refusal(write(tmp_path, catalogue(SKTM, {**MASTERING_NUMBER, "code": "MN-7"})))
    assert (
        '"Mastering Number at Reception and KS1 Work Groups", field code: '
        "'MN-7' is not an NCP code: write it like NCP23-07a"
    ) in report
    older = _refusal(write(tmp_path, catalogue({**SKTM, "code": "26"}, year="2017/18")))
    assert "write it like NCP17-07a, or leave the code out" in older


def test_a_project_with_neither_title_nor_a_good_code_is_named_by_its_position(tmp_path):
    entry = {k: v for k, v in MASTERING_NUMBER.items() if k != "title"}
    report = _refusal(write(tmp_path, catalogue(SKTM, {**entry, "code": "MN-7"})))
    assert "the project at position 2, which has no title, field code" in report


def test_a_field_written_twice_is_refused(tmp_path):
    text = (
        "year: 2023/24\nncps:\n  - code: NCP23-26\n    title: One\n    title: Two\n"
        "    phases: [primary]\n    type: programme\n"
    )
    report = _refusal(write(tmp_path, text))
    assert "line 5, \"Two\" (NCP23-26), field title: the field 'title' is written twice" in report


def test_bad_yaml_is_refused_naming_the_file_and_line(tmp_path):
    path = write(tmp_path, "year: 2023/24\nncps:\n  - code: [NCP23-01\n    title: x\n")
    report = _refusal(path)
    assert f"{path}, line " in report
    assert "the file is not valid YAML" in report


def test_a_year_that_is_not_an_academic_year_is_refused(tmp_path):
    report = _refusal(write(tmp_path, catalogue(SKTM, year="2023/25")))
    assert "field year: '2023/25' is not an academic year" in report


def test_a_file_that_is_not_a_catalogue_is_refused(tmp_path):
    report = _refusal(write(tmp_path, "- just\n- a list\n"))
    assert importers.ERR_NOT_A_MAPPING in report


def test_a_missing_file_is_refused(tmp_path):
    assert importers.ERR_NO_FILE in _refusal(tmp_path / "nowhere.yaml")


def test_every_problem_is_reported_in_one_run(tmp_path):
    entries = [
        {**SKTM, "colour": "blue"},
        {**MASTERING_NUMBER, "code": "NCP22-07a"},
        {**MASTERY_READINESS, "phases": ["tertiary"]},
    ]
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(write(tmp_path, catalogue(*entries)))
    assert refused.value.total == 3
    assert [p.ncp for p in refused.value.problems] == [
        SKTM_NAMED,
        '"Mastering Number at Reception and KS1 Work Groups" (NCP22-07a)',
        '"Mastery Readiness Work Groups" (NCP23-08)',
    ]


def test_lead_days_with_more_than_one_decimal_place_are_refused(tmp_path):
    report = _refusal(write(tmp_path, catalogue({**SKTM, "recommended_lead_days": 2.25})))
    assert f"{SKTM_NAMED}, field recommended_lead_days: {importers.ERR_LEAD_DAYS}" in report


def test_the_status_and_source_of_the_year_come_from_the_file(tmp_path):
    catalogue_import(write(tmp_path, catalogue(SKTM)))
    summary = catalogue_import(
        write(tmp_path, catalogue(SKTM, status="draft", source="Draft handbook"))
    )
    year = AcademicYear.objects.get()
    assert (year.status, year.source) == ("draft", "Draft handbook")
    assert summary.changed_anything and summary.counts["unchanged"] == 1


def test_load_all_loads_every_file_of_a_directory(tmp_path):
    write(tmp_path, catalogue(SKTM))
    write(tmp_path, catalogue({**SKTM, "code": "NCP19-26"}, year="2019/20"), "2019-20.yaml")
    summaries = catalogue_load_all(tmp_path)
    assert [s.year.start_year for s in summaries] == [2019, 2023]
    assert NCP.objects.count() == 2


def test_load_all_loads_nothing_when_one_file_is_refused(tmp_path):
    write(tmp_path, catalogue(SKTM, year="2019/20"), "2019-20.yaml")  # NCP23- in 2019/20
    write(tmp_path, catalogue(SKTM))
    with pytest.raises(ImportRefused):
        catalogue_load_all(tmp_path)
    assert not AcademicYear.objects.exists()


def test_the_command_prints_what_it_did(tmp_path):
    path = write(tmp_path, catalogue(SKTM, MASTERING_NUMBER))
    out = StringIO()
    call_command("import_catalogue", str(path), stdout=out)
    call_command("import_catalogue", str(path), stdout=out)
    assert (
        importers.REPORT_LOADED.format(
            file=str(path),
            year="2023/24",
            status="published",
            created=2,
            updated=0,
            unchanged=0,
            deleted=0,
        )
        in out.getvalue()
    )
    assert "nothing changed" in out.getvalue()


def test_the_command_fails_listing_every_problem_of_a_refused_file(tmp_path):
    good = write(tmp_path, catalogue(SKTM))
    bad = write(tmp_path, catalogue({**SKTM, "colour": "blue"}, year="2019/20"), "2019-20.yaml")
    with pytest.raises(CommandError) as failed:
        call_command("import_catalogue", str(good), str(bad), stdout=StringIO())
    message = str(failed.value)
    assert f"Refused {bad}: nothing was changed. 2 problems found:" in message
    assert "field colour" in message and "does not belong to 2019/20" in message
    assert AcademicYear.objects.get().start_year == 2023  # the good file still loaded
