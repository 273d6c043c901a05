"""A catalogue general enough for every year's menu (ISSUE 12, part 1): titles without
codes, ongoing work, NEW, formerly, centrally led, partners with or without an amount, a
title per phase, phase and type left open in a draft, the year's facts; codes given
later; every refusal naming the project by its title."""

from __future__ import annotations

import pytest
import yaml
from django.test import Client

from mathshubs.activities.models import Activity
from mathshubs.catalogue.importers import catalogue_import, catalogue_parse
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.catalogue.services import (
    CatalogueError,
    catalogue_copy,
    catalogue_export_yaml,
    catalogue_publish,
)
from mathshubs.directory.importers.base import ImportRefused
from tests import factories as f
from tests.catalogue.catalogue_files import write

pytestmark = pytest.mark.django_db

# A menu as the national team drafts it before codes are given: the shapes of real menus.
DRAFT_MENU = {
    "year": "2025/26",
    "source": "Maths Hubs menu 2025/26 (draft)",
    "status": "draft",
    "facts": {"hubs": 40, "llmes_per_hub": 35, "llmes_national": 1400, "fully_funded": True},
    "ncps": [
        {
            "title": "Mastery Readiness Work Groups",
            "phases": ["primary"],
            "type": "work_group",
            "formerly": ["Primary Mastery Readiness"],
        },
        {
            "title": "Teaching Assistants",
            "phases": ["primary", "secondary"],
            "type": "programme",
            "phase_titles": {
                "primary": "Primary Teaching Assistants Work Groups",
                "secondary": "Secondary Teaching Assistants Work Groups",
            },
        },
        {"title": "Year 7 Transition", "new": True},  # phase and type not given yet
        {
            "title": "Level 3 Maths Work Groups",
            "phases": ["post16"],
            "type": "work_group",
            "partners": [
                {"name": "Advanced Maths Support Programme (AMSP)", "note": "co-delivered"},
                {"name": "Maths Hubs Network Fund", "amount": 2100},
            ],
        },
        {
            "title": "LLME Development Programme",
            "phases": ["primary"],
            "type": "programme",
            "centrally_led": True,
        },
    ],
}


def _load(tmp_path, document, name="2025-26.yaml"):
    return catalogue_import(write(tmp_path, yaml.safe_dump(document, sort_keys=False), name))


def test_a_menu_of_titles_without_codes_drafts(tmp_path):
    summary = _load(tmp_path, DRAFT_MENU)
    year = summary.year
    assert (year.status, year.hubs, year.llmes_per_hub, year.fully_funded) == (
        "draft",
        40,
        35,
        True,
    )
    ncps = list(year.ncps.order_by("position"))
    assert [n.code for n in ncps] == [""] * 5
    assert [n.slug for n in ncps] == [
        "mastery-readiness-work-groups",
        "teaching-assistants",
        "year-7-transition",
        "level-3-maths-work-groups",
        "llme-development-programme",
    ]
    assert ncps[0].formerly == ["Primary Mastery Readiness"]
    assert ncps[1].phase_titles["secondary"] == "Secondary Teaching Assistants Work Groups"
    assert (ncps[2].is_new, ncps[2].phases, ncps[2].ncp_type) == (True, [], "")
    assert ncps[3].partners[0] == {
        "name": "Advanced Maths Support Programme (AMSP)",
        "amount": None,
        "note": "co-delivered",
    }
    assert ncps[3].partners[1]["amount"] == "2100"
    assert ncps[4].centrally_led


def test_the_editors_data_round_trips_through_yaml_exactly(tmp_path):
    year = _load(tmp_path, DRAFT_MENU).year
    before = [tuple(_row(n)) for n in year.ncps.order_by("position")]
    text = catalogue_export_yaml(year)
    again = catalogue_import(write(tmp_path, text, "again.yaml"))
    assert not again.changed_anything
    assert catalogue_export_yaml(AcademicYear.objects.get(start_year=2025)) == text
    after = [tuple(_row(n)) for n in NCP.objects.filter(year=year).order_by("position")]
    assert after == before


def _row(ncp: NCP):
    return (ncp.pk, ncp.slug, ncp.code, ncp.title, ncp.is_new, ncp.partners, ncp.phase_titles)


def test_a_year_publishes_only_once_complete_and_says_what_is_missing(tmp_path):
    year = _load(tmp_path, DRAFT_MENU).year
    with pytest.raises(CatalogueError) as refused:
        catalogue_publish(year=year)
    lines = str(refused.value).splitlines()
    assert lines == [
        "2025/26 cannot be published yet. 2 things to add first:",
        '"Year 7 Transition" has no phases: choose at least one phase',
        '"Year 7 Transition" has no type: choose its type',
    ]
    assert AcademicYear.objects.get(pk=year.pk).status == "draft"
    NCP.objects.filter(slug="year-7-transition").update(phases=["secondary"], ncp_type="programme")
    assert catalogue_publish(year=year).status == "published"


def test_a_published_file_missing_a_phase_or_type_is_refused_naming_the_project(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        _load(tmp_path, {**DRAFT_MENU, "status": "published"})
    report = refused.value.report()
    assert (
        '"Year 7 Transition", field phases: a published year needs its phases: choose at '
        "least one phase, or keep status: draft"
    ) in report
    assert '"Year 7 Transition", field type: a published year needs its type' in report
    assert not AcademicYear.objects.exists()


def test_a_code_given_later_keeps_the_project_and_what_refers_to_it(tmp_path, cast):
    year = _load(tmp_path, DRAFT_MENU).year
    ta = NCP.objects.get(year=year, slug="teaching-assistants")
    activity = f.ActivityFactory(ncp=ta, ncp_code="", academic_year=2025)
    client = Client()
    client.force_login(cast.nadia)  # a draft: the national team's
    old_address = "/catalogue/ncp/2025-26-teaching-assistants/"
    assert client.get(old_address).status_code == 200

    coded = {**DRAFT_MENU, "ncps": [dict(n) for n in DRAFT_MENU["ncps"]]}
    coded["ncps"][1]["code"] = "ncp 25-20"
    summary = _load(tmp_path, coded)

    assert summary.updated == ["NCP25-20"] and not summary.created and not summary.deleted
    ta.refresh_from_db()
    assert (ta.code, ta.number, ta.slug) == ("NCP25-20", 20, "teaching-assistants")
    assert Activity.objects.get(pk=activity.pk).ncp_code == "NCP25-20"
    answer = client.get(old_address)
    assert answer.status_code == 302 and answer["Location"] == "/catalogue/ncp/NCP25-20/"


def test_a_phase_title_for_a_phase_the_project_is_not_in_is_refused(tmp_path):
    menu = {
        **DRAFT_MENU,
        "ncps": [
            {
                "title": "Teaching Assistants",
                "phases": ["primary"],
                "phase_titles": {"secondary": "Secondary TAs"},
            }
        ],
    }
    with pytest.raises(ImportRefused) as refused:
        _load(tmp_path, menu)
    assert (
        '"Teaching Assistants": phase_titles gives a title for secondary, which is not one of '
        "its phases"
    ) in refused.value.report()


def test_a_slug_written_twice_is_refused(tmp_path):
    menu = {
        **DRAFT_MENU,
        "ncps": [{"title": "One", "slug": "same"}, {"title": "Two", "slug": "same"}],
    }
    with pytest.raises(ImportRefused) as refused:
        _load(tmp_path, menu)
    assert '"Two", field slug: the slug same is listed twice' in refused.value.report()


def test_copy_forward_carries_uncoded_projects_and_clears_new(tmp_path):
    source = _load(tmp_path, DRAFT_MENU).year
    target = catalogue_copy(source_year=source.start_year, target_year=2026)
    copies = list(target.ncps.order_by("position"))
    assert [n.slug for n in copies] == [n.slug for n in source.ncps.order_by("position")]
    assert not any(n.is_new for n in copies) and all(n.code == "" for n in copies)


def test_an_uncoded_project_is_listed_and_has_its_own_page(tmp_path, cast):
    _load(tmp_path, DRAFT_MENU)
    nadia = Client()
    nadia.force_login(cast.nadia)
    year_page = nadia.get("/catalogue/2025-26/").content.decode()
    assert "No code yet" in year_page and "Phase not stated" in year_page
    assert 'href="/catalogue/ncp/2025-26-year-7-transition/"' in year_page
    assert "Formerly Primary Mastery Readiness" in year_page
    assert "Active LLMEs expected of each hub" in year_page
    page = nadia.get("/catalogue/ncp/2025-26-level-3-maths-work-groups/").content.decode()
    assert "Advanced Maths Support Programme (AMSP) (the menu gives no amount)" in page
    assert "Maths Hubs Network Fund: £2,100" in page
    api = nadia.get("/api/v1/years/2025-26/ncps").json()
    assert [n["reference"] for n in api][:2] == [
        "2025-26-mastery-readiness-work-groups",
        "2025-26-teaching-assistants",
    ]
    assert api[2]["code"] is None and api[2]["new"] is True and api[2]["type"] is None


def test_parsing_a_year_without_codes_needs_no_code_hint(tmp_path):
    parsed = catalogue_parse(write(tmp_path, yaml.safe_dump(DRAFT_MENU), "p.yaml"))
    assert [entry.code for entry in parsed.ncps] == [None] * 5


# 2017/18's secondary menu named Embedding and Sustaining as two stages; both are the
# journey's secondary Embedding and Sustaining, so schools' journeys and the figures count
# them as every other year does.
STAGES_2017 = [
    {
        "key": "secondary_development",
        "name": "Secondary Development",
        "journey": "secondary_development",
    },
    {
        "key": "secondary_embedding",
        "name": "Secondary Embedding",
        "journey": "secondary_embedding_sustaining",
    },
    {
        "key": "secondary_sustaining",
        "name": "Secondary Sustaining",
        "journey": "secondary_embedding_sustaining",
    },
]
MENU_2017 = {
    "year": "2017/18",
    "stages": STAGES_2017,
    "ncps": [
        {
            "code": "NCP17-05",
            "title": "Secondary Mastery Sustaining Work Groups",
            "phases": ["secondary"],
            "type": "work_group",
            "journey_stage": "secondary_sustaining",
        },
        {
            "code": "NCP17-04",
            "title": "Secondary Mastery Embedding Work Groups",
            "phases": ["secondary"],
            "type": "work_group",
            "journey_stage": "secondary_embedding",
        },
    ],
}


def test_a_years_own_stage_names_map_to_the_journey(tmp_path):
    year = _load(tmp_path, MENU_2017, "2017-18.yaml").year
    assert [s.name for s in year.stages.order_by("position")] == [
        "Secondary Development",
        "Secondary Embedding",
        "Secondary Sustaining",
    ]
    sustaining = NCP.objects.get(code="NCP17-05")
    assert (sustaining.stage.name, sustaining.journey_stage) == (
        "Secondary Sustaining",
        "secondary_embedding_sustaining",
    )
    text = catalogue_export_yaml(year)
    assert yaml.safe_load(text)["stages"] == STAGES_2017
    assert not catalogue_import(write(tmp_path, text, "again.yaml")).changed_anything


def test_a_year_naming_no_stages_has_the_journeys_and_its_file_stays_without_them(tmp_path):
    year = _load(tmp_path, DRAFT_MENU).year
    assert year.stages.count() == 9
    assert "stages" not in yaml.safe_load(catalogue_export_yaml(year))


def test_a_stage_the_year_does_not_name_is_refused_listing_those_it_does(tmp_path):
    menu = {**MENU_2017, "ncps": [{**MENU_2017["ncps"][0], "journey_stage": "embedding"}]}
    with pytest.raises(ImportRefused) as refused:
        _load(tmp_path, menu, "2017-18.yaml")
    assert (
        '"Secondary Mastery Sustaining Work Groups" (NCP17-05), field journey_stage: embedding is '
        "not one of the year's stages: write one of secondary_development, "
        "secondary_embedding, secondary_sustaining, or add it to stages"
    ) in refused.value.report()


def test_schools_journeys_and_the_national_figures_count_a_years_own_stages(tmp_path, cast):
    from mathshubs.activities.journey.history import journey_history
    from mathshubs.reporting.counting import ENGLAND, figure_values
    from mathshubs.reporting.definitions import SecondarySustaining

    _load(tmp_path, MENU_2017, "2017-18.yaml")
    school = f.InstitutionFactory(name="Sustaining Secondary", phase="secondary", hub=cast.north)
    activity = f.ActivityFactory(
        hub=cast.north, academic_year=2017, ncp=NCP.objects.get(code="NCP17-05")
    )
    f.ActivitySchoolFactory(activity=activity, institution=school)

    rows = journey_history(school)
    assert [(r.year, r.stage, r.stage_label) for r in rows] == [
        (2017, "secondary_embedding_sustaining", "Secondary Sustaining")
    ]
    values = figure_values(ENGLAND, [SecondarySustaining], years=[2017])
    assert values[2017][SecondarySustaining.key].count == 1
