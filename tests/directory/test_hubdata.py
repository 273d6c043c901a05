"""Local authorities and the hubs YAML: loading, validation, renames, and full coverage."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from mathshubs.demo.schools import read_schools
from mathshubs.directory import hubdata
from mathshubs.directory.areas import serving_hub_id, serving_hub_map
from mathshubs.directory.hubdata import (
    HUBS_YAML,
    HubDataError,
    hubs_import,
    hubs_parse,
    local_authorities_load,
)
from mathshubs.directory.models import Hub, HubArea, Institution, LocalAuthority
from tests import factories as f

pytestmark = pytest.mark.django_db


def _document() -> dict:
    return yaml.safe_load(HUBS_YAML.read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "hubs.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _hub(document: dict, slug: str) -> dict:
    return next(h for h in document["hubs"] if h["slug"] == slug)


@pytest.fixture
def las():
    local_authorities_load()


@pytest.fixture
def hubs(las):
    hubs_import()


def test_local_authorities_are_loaded_once_per_three_digit_code():
    result = local_authorities_load()
    assert result.created == LocalAuthority.objects.count() == 158
    assert LocalAuthority.objects.filter(is_current=True).count() == 153


def test_barnsley_and_sheffield_keep_their_three_digit_codes_with_their_current_gss_codes():
    local_authorities_load()
    barnsley = LocalAuthority.objects.get(code="370")
    sheffield = LocalAuthority.objects.get(code="373")
    assert (barnsley.name, barnsley.gss_code, barnsley.is_current) == (
        "Barnsley",
        "E08000038",
        True,
    )
    assert (sheffield.name, sheffield.gss_code, sheffield.is_current) == (
        "Sheffield",
        "E08000039",
        True,
    )
    assert not LocalAuthority.objects.filter(code="z").exists()


def test_retired_authorities_are_kept_but_not_current():
    local_authorities_load()
    assert LocalAuthority.objects.get(code="909").is_current is False  # Cumbria
    assert LocalAuthority.objects.get(code="942").is_current is True  # Cumberland
    assert LocalAuthority.objects.get(code="815").gss_code == "E06000065"  # North Yorkshire


def test_loading_local_authorities_twice_changes_nothing():
    local_authorities_load()
    again = local_authorities_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 158)


def test_the_shipped_file_has_the_40_hubs_with_former_names(hubs):
    assert Hub.objects.count() == 40
    turing = Hub.objects.get(slug="turing-nw")
    assert list(turing.former_names.values_list("name", flat=True)) == ["North West Two Maths Hub"]
    assert Hub.objects.get(slug="north-mids").former_names.get().name == (
        "North Mids and Peaks Maths Hub"
    )
    assert all(h.contact_is_demo and h.email.endswith(".mathshub.demo") for h in Hub.objects.all())


def test_hubs_without_a_known_lead_are_left_blank_and_say_so(hubs):
    kent = Hub.objects.get(slug="kent-and-medway")
    assert kent.lead_institution_name == ""
    assert "not known" in _hub(_document(), "kent-and-medway")["notes"]


def test_areas_assigned_by_the_demo_are_marked_illustrative(hubs):
    walsall = HubArea.objects.get(local_authority__code="335")
    assert walsall.hub.slug == "central" and walsall.is_illustrative
    west_northants = HubArea.objects.get(local_authority__code="941")
    assert west_northants.is_illustrative
    # Low confidence hubs: every area illustrative. King's Lynn to Cambridge is sourced.
    assert all(a.is_illustrative for a in HubArea.objects.filter(hub__slug="surrey-plus"))
    kings_lynn = HubArea.objects.get(district_code="E07000146")
    assert kings_lynn.hub.slug == "cambridge" and not kings_lynn.is_illustrative


def test_every_state_funded_school_of_the_census_gets_a_hub(hubs):
    la_ids = dict(LocalAuthority.objects.values_list("code", "id"))
    whole, split = serving_hub_map()
    hubs_by_id = dict(Hub.objects.values_list("id", "slug"))
    served: Counter[str] = Counter()
    orphans = []
    for row in read_schools():
        if not row.is_state_funded:
            continue
        school = Institution(
            local_authority_id=la_ids.get(row.la_code), district_code=row.district_code
        )
        hub_id = serving_hub_id(school, whole, split)
        if hub_id is None:
            orphans.append((row.urn, row.la_code, row.district_code))
        else:
            served[hubs_by_id[hub_id]] += 1
    assert orphans == []
    assert sum(served.values()) == 21_980
    assert len(served) == 40


def test_a_split_authority_sends_each_district_to_its_hub(hubs):
    norfolk = LocalAuthority.objects.get(code="926")
    kings_lynn = f.InstitutionFactory(local_authority=norfolk, district_code="E07000146")
    norwich = f.InstitutionFactory(local_authority=norfolk, district_code="E07000148")
    unknown = f.InstitutionFactory(local_authority=norfolk, district_code="Unknown")
    call_command("import_hubs", str(HUBS_YAML))
    slugs = {
        i.pk: i.hub.slug
        for i in Institution.objects.filter(pk__in=[kings_lynn.pk, norwich.pk, unknown.pk])
    }
    assert slugs == {kings_lynn.pk: "cambridge", norwich.pk: "angles", unknown.pk: "angles"}


def test_a_second_import_changes_nothing(hubs):
    area_ids = set(HubArea.objects.values_list("id", flat=True))
    result = hubs_import()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 40)
    assert not result.areas_changed
    assert set(HubArea.objects.values_list("id", flat=True)) == area_ids


def _refusal(tmp_path, document) -> str:
    before = (
        list(Hub.objects.order_by("slug").values_list("slug", "name")),
        sorted(HubArea.objects.values_list("hub__slug", "local_authority__code", "district_code")),
    )
    with pytest.raises(CommandError) as caught:
        call_command("import_hubs", str(_write(tmp_path, document)))
    after = (
        list(Hub.objects.order_by("slug").values_list("slug", "name")),
        sorted(HubArea.objects.values_list("hub__slug", "local_authority__code", "district_code")),
    )
    assert after == before, "a refused file must change nothing"
    return str(caught.value)


def test_import_refuses_an_unknown_local_authority_naming_file_hub_and_field(hubs, tmp_path):
    document = _document()
    _hub(document, "angles")["name"] = "Angles Renamed Maths Hub"  # would change, must not
    _hub(document, "sussex")["areas"][0] = {"la": "999", "la_name": "Nowhere"}
    message = _refusal(tmp_path, document)
    path = tmp_path / "hubs.yaml"
    assert (
        hubdata.AREA_UNKNOWN_LA.format(where=f"{path}: hub sussex", index=0, code="999") in message
    )
    assert Hub.objects.get(slug="angles").name == "Angles Maths Hub"


def test_import_refuses_an_area_claimed_by_two_hubs(hubs, tmp_path):
    document = _document()
    _hub(document, "sussex")["areas"].append({"la": "936", "la_name": "Surrey"})
    message = _refusal(tmp_path, document)
    assert "hub sussex, field areas[3]: Surrey (936) is also claimed by hub surrey-plus" in message


def test_import_refuses_a_district_claimed_by_two_hubs(hubs, tmp_path):
    document = _document()
    angles_norfolk = _hub(document, "angles")["areas"][0]
    angles_norfolk["districts"].append(
        {"code": "E07000146", "name": "King's Lynn and West Norfolk"}
    )
    message = _refusal(tmp_path, document)
    assert "district E07000146 is also claimed by hub" in message


def test_import_refuses_a_split_authority_without_one_hub_taking_the_rest(hubs, tmp_path):
    document = _document()
    del _hub(document, "angles")["areas"][0]["other_districts"]
    message = _refusal(tmp_path, document)
    assert (
        hubdata.AREA_SPLIT_WITHOUT_REST.format(
            file=tmp_path / "hubs.yaml", code="926", name="Norfolk", count=0
        )
        in message
    )


def test_import_refuses_a_file_that_leaves_an_authority_unserved(hubs, tmp_path):
    document = _document()
    central = _hub(document, "central")
    central["areas"] = [a for a in central["areas"] if a["la"] != "335"]
    message = _refusal(tmp_path, document)
    assert (
        hubdata.AREA_LA_UNSERVED.format(file=tmp_path / "hubs.yaml", code="335", name="Walsall")
        in message
    )


def test_import_refuses_missing_fields_and_a_name_that_does_not_match_the_code(hubs, tmp_path):
    document = _document()
    del _hub(document, "glow")["region"]
    _hub(document, "mobius")["areas"][0]["la_name"] = "Reading"
    message = _refusal(tmp_path, document)
    assert "hub glow, field region: enter a value" in message
    assert "hub mobius, field areas[0].la_name: 'Reading' is not the name of local authority" in (
        message
    )


def test_a_renamed_hub_keeps_its_identity_and_its_former_name(hubs, tmp_path):
    hub = Hub.objects.get(slug="glow")
    school = f.InstitutionFactory(local_authority=LocalAuthority.objects.get(code="916"))
    call_command("import_hubs", str(HUBS_YAML))
    document = _document()
    _hub(document, "glow")["name"] = "Gloucestershire and Worcestershire Maths Hub"
    result = hubs_import(path=_write(tmp_path, document), today=date(2024, 9, 1))
    hub.refresh_from_db()
    assert hub.name == "Gloucestershire and Worcestershire Maths Hub"
    assert result.renamed == [("GLOW Maths Hub", "Gloucestershire and Worcestershire Maths Hub")]
    former = hub.former_names.get()
    assert (former.name, former.until) == ("GLOW Maths Hub", date(2024, 9, 1))
    school.refresh_from_db()
    assert school.hub_id == hub.pk
    assert Hub.objects.count() == 40


def test_two_hubs_can_swap_names_in_one_import(hubs, tmp_path):
    document = _document()
    _hub(document, "glow")["name"], _hub(document, "mobius")["name"] = (
        "Mobius Maths Hub",
        "GLOW Maths Hub",
    )
    hubs_import(path=_write(tmp_path, document))
    assert Hub.objects.get(slug="glow").name == "Mobius Maths Hub"


def test_a_changed_lead_institution_is_kept_in_the_history(hubs, tmp_path):
    document = _document()
    _hub(document, "glow")["lead_institutions"] = ["Pate's Grammar School"]
    hubs_import(path=_write(tmp_path, document), today=date(2024, 9, 1))
    history = Hub.objects.get(slug="glow").lead_history.order_by("id")
    assert [(h.name, h.until) for h in history] == [
        ("Balcarras School, Cheltenham", date(2024, 9, 1)),
        ("Pate's Grammar School", None),
    ]


def test_parse_reports_every_problem_at_once(las, tmp_path):
    document = _document()
    del _hub(document, "glow")["region"]
    _hub(document, "sussex")["slug"] = "Sussex!"
    with pytest.raises(HubDataError) as caught:
        hubs_parse(_write(tmp_path, document))
    assert len(caught.value.errors) == 2
