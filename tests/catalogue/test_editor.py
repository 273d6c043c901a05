"""The national team's catalogue editor (ISSUE 12, part 2), as a browser posts it: make a
year, add, change, move and withdraw projects, publish only once complete, revisions of
a published year with who and when, and the diff of two years or two revisions in words."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from mathshubs.catalogue.models import NCP, AcademicYear, CatalogueRevision
from mathshubs.catalogue.services import catalogue_export_yaml
from tests import factories as f
from tests.catalogue.catalogue_files import write
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FINANCES = """rules:
- kind: unit
  label: Work Group grant
  text: £4,200 per Work Group.
  amount: 4200
"""


def _project(**fields):
    """A project form as posted: every field present, as a browser sends them."""
    form = {
        "title": "",
        "code": "",
        "slug": "",
        "formerly": "",
        "type": "",
        "required": "",
        "project_year": "",
        "criteria_minimum_other": "0",
        "participant_criteria": "",
        "national_schedule": "",
        "finances": "",
        "journey_stage": "",
        "note": "",
    }
    form.update(fields)
    return form


@pytest.fixture
def nadia(cast):
    return client_for(cast.nadia)


@pytest.fixture
def drafted(nadia):
    answer = nadia.post("/catalogue/new/", {"year": "2025/26", "copy_from": ""})
    assert answer.status_code == 302 and answer["Location"] == "/catalogue/2025-26/edit/"
    return AcademicYear.objects.get(start_year=2025)


def test_the_national_team_makes_an_empty_draft_year(drafted):
    assert drafted.status == "draft"
    assert drafted.stages.count() == 9


def test_a_year_that_already_has_a_catalogue_is_not_made_again(nadia, cast):
    answer = nadia.post("/catalogue/new/", {"year": "2023/24", "copy_from": ""})
    assert answer.status_code == 200
    assert "2023/24 already has a catalogue" in answer.content.decode()
    bad = nadia.post("/catalogue/new/", {"year": "next year", "copy_from": ""})
    assert "Write the academic year like 2025/26" in bad.content.decode()


def test_projects_are_added_uncoded_new_and_in_the_menus_order(nadia, drafted):
    for title in ("Year 7 Transition", "Teaching Assistants"):
        answer = nadia.post("/catalogue/2025-26/edit/add/", _project(title=title, new="on"))
        assert answer.status_code == 302, answer.content.decode()[:2000]
    ncps = list(drafted.ncps.order_by("position"))
    assert [(n.title, n.code, n.is_new, n.position) for n in ncps] == [
        ("Year 7 Transition", "", True, 0),
        ("Teaching Assistants", "", True, 1),
    ]
    editor = nadia.get("/catalogue/2025-26/edit/").content.decode()
    assert "No code yet" in editor and 'id="publish-missing"' in editor
    assert "&quot;Year 7 Transition&quot; has no phases" in editor


def test_every_section_of_the_template_is_saved_from_the_form(nadia, drafted):
    answer = nadia.post(
        "/catalogue/2025-26/edit/add/",
        _project(
            title="Teaching Assistants",
            code="ncp 25-20",
            phases=["primary", "secondary"],
            type="work_group",
            required="yes",
            title_primary="Primary Teaching Assistants",
            title_secondary="Secondary Teaching Assistants",
            formerly="Supporting Teaching Assistants\nTA Work Groups",
            centrally_led="on",
            partner_1_name="Advanced Maths Support Programme",
            partner_1_amount="",
            partner_1_note="co-delivered",
            summary="Teaching assistants develop their subject knowledge.",
            outcomes_0="TAs understand the mastery approach",
            model_min_schools="5",
            model_max_schools="8",
            recommended_lead_days="2.5",
            participant_criteria="* ta_role: Employs teaching assistants\nkeen: Keen to join",
            criteria_minimum_other="1",
            national_schedule="For new leads | Launch day | Autumn 1 | Online\nCelebration",
            finances=FINANCES,
            journey_stage="development",
            evaluation="Through the HAPPI form.",
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    ncp = NCP.objects.get(code="NCP25-20")
    assert ncp.phase_titles == {
        "primary": "Primary Teaching Assistants",
        "secondary": "Secondary Teaching Assistants",
    }
    assert ncp.formerly == ["Supporting Teaching Assistants", "TA Work Groups"]
    assert ncp.partners == [
        {"name": "Advanced Maths Support Programme", "amount": None, "note": "co-delivered"}
    ]
    assert ncp.participant_criteria == [
        {"key": "ta_role", "label": "Employs teaching assistants", "essential": True},
        {"key": "keen", "label": "Keen to join", "essential": False},
    ]
    assert ncp.national_schedule[1] == {
        "group": "",
        "event": "Celebration",
        "timing": "",
        "location": "",
    }
    assert ncp.finances["rules"][0]["amount"] == "4200"
    assert (ncp.journey_stage, ncp.stage.key, ncp.required) == ("development", "development", True)
    # The form shows it back as it was written.
    form = nadia.get(f"/catalogue/2025-26/edit/projects/{ncp.slug}/").content.decode()
    assert "* ta_role: Employs teaching assistants" in form
    assert "For new leads | Launch day | Autumn 1 | Online" in form
    assert escape("Supporting Teaching Assistants") in form


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"code": "NCP24-01"}, "code", "NCP24-01 is not a 2025/26 code: 2025/26&#x27;s codes"),
        ({"code": "TA-1"}, "code", "write it like NCP25-07a"),
        ({"participant_criteria": "just words"}, "participant_criteria", "Line 1"),
        ({"finances": "rules: [unclosed"}, "finances", "The finances are not valid YAML"),
        (
            {"finances": "rules:\n- kind: unit\n  label: Grant\n  text: x\n  amount: lots\n"},
            "finances",
            "it should be a valid decimal",
        ),
        ({"model_min_schools": "9", "model_max_schools": "5"}, None, "model_min_schools"),
        ({"title_secondary": "Secondary TAs"}, None, "phase_titles gives a title for secondary"),
    ],
)
def test_a_form_with_errors_names_the_field_and_keeps_what_was_typed(
    nadia, drafted, fields, field, message
):
    typed = _project(title="Teaching Assistants typed", phases=["primary"], **fields)
    answer = nadia.post("/catalogue/2025-26/edit/add/", typed)
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "There is a problem" in html and message in html
    if field:
        assert f'id="id_{field}-error"' in html
    assert 'value="Teaching Assistants typed"' in html
    assert not NCP.objects.filter(year=drafted).exists()


def test_a_code_another_project_holds_is_refused(nadia, drafted, cast):
    f.NCPFactory(year=drafted, number=20, title="Already here")
    answer = nadia.post("/catalogue/2025-26/edit/add/", _project(title="New", code="NCP25-20"))
    assert "NCP25-20 is already the code of &quot;Already here&quot; in 2025/26" in (
        answer.content.decode()
    )


def test_moving_a_project_changes_the_menus_order(nadia, drafted):
    for title in ("One", "Two", "Three"):
        nadia.post("/catalogue/2025-26/edit/add/", _project(title=title))
    nadia.post("/catalogue/2025-26/edit/projects/three/move/", {"direction": "up"})
    nadia.post("/catalogue/2025-26/edit/projects/one/move/", {"direction": "up"})  # first
    assert list(drafted.ncps.order_by("position").values_list("title", flat=True)) == [
        "One",
        "Three",
        "Two",
    ]
    forged = nadia.post("/catalogue/2025-26/edit/projects/one/move/", {"direction": "sideways"})
    assert forged.status_code == 404


def test_a_project_hub_activities_run_is_not_withdrawn(nadia, drafted):
    nadia.post("/catalogue/2025-26/edit/add/", _project(title="Run by hubs"))
    nadia.post("/catalogue/2025-26/edit/add/", _project(title="Not run"))
    f.ActivityFactory(ncp=NCP.objects.get(slug="run-by-hubs"), academic_year=2025)
    refused = nadia.post("/catalogue/2025-26/edit/projects/run-by-hubs/withdraw/")
    assert "cannot be withdrawn: 1 hub activity runs it" in refused.content.decode()
    done = nadia.post("/catalogue/2025-26/edit/projects/not-run/withdraw/")
    assert done.status_code == 302
    assert list(drafted.ncps.values_list("title", flat=True)) == ["Run by hubs"]


def test_publishing_then_changing_a_published_year_keeps_revisions_with_who_and_when(
    nadia, drafted, cast
):
    nadia.post(
        "/catalogue/2025-26/edit/add/",
        _project(title="Mastery Readiness", phases=["primary"], type="work_group"),
    )
    nadia.post("/catalogue/2025-26/publish/")
    drafted.refresh_from_db()
    assert drafted.status == "published"
    nadia.post(
        "/catalogue/2025-26/edit/projects/mastery-readiness/",
        _project(
            title="Mastery Readiness Work Groups",
            code="NCP25-08",
            phases=["primary"],
            type="work_group",
            note="The menu's final wording",
        ),
    )
    revisions = list(CatalogueRevision.objects.filter(year=drafted).order_by("number"))
    assert [(r.number, r.note, r.made_by_id) for r in revisions] == [
        (1, "Published", cast.nadia.pk),
        (2, "The menu's final wording", cast.nadia.pk),
    ]
    assert revisions[1].snapshot == catalogue_export_yaml(drafted)
    editor = nadia.get("/catalogue/2025-26/edit/").content.decode()
    assert "The menu&#x27;s final wording" in editor and "Nadia National" in editor
    diff = nadia.get("/catalogue/2025-26/compare/?from=1&to=2").content.decode()
    assert "revision 2 beside revision 1" in diff
    assert "Mastery Readiness is now NCP25-08 Mastery Readiness Work Groups" in diff
    assert "given the code NCP25-08" in diff
    # A published year's project needs its phases and type.
    answer = nadia.post(
        "/catalogue/2025-26/edit/projects/mastery-readiness/",
        _project(title="Mastery Readiness Work Groups", code="NCP25-08", type="work_group"),
    )
    assert "2025/26 is published: choose at least one phase" in answer.content.decode()


def test_the_diff_of_two_years_says_what_was_added_withdrawn_renamed_and_refunded(nadia, tmp_path):
    from mathshubs.catalogue.importers import catalogue_import

    older = """year: 2024/25
ncps:
- code: NCP24-08
  title: Mastery Readiness
  phases: [primary]
  type: work_group
  finances:
    rules:
    - {kind: unit, label: Work Group grant, text: x, amount: 4200}
- code: NCP24-30
  title: Retired Community
  phases: [secondary]
  type: community
"""
    newer = """year: 2025/26
status: draft
ncps:
- code: NCP25-08
  title: Mastery Readiness Work Groups
  formerly: [Mastery Readiness]
  phases: [primary]
  type: work_group
  finances:
    rules:
    - {kind: unit, label: Work Group grant, text: x, amount: 4500}
- title: Year 7 Transition
  new: true
"""
    catalogue_import(write(tmp_path, older, "2024-25.yaml"))
    catalogue_import(write(tmp_path, newer, "2025-26.yaml"))
    html = nadia.get("/catalogue/2025-26/compare/?with=2024-25").content.decode()
    assert "2025/26 beside 2024/25" in html
    assert "Year 7 Transition" in html.split('id="diff-added"')[1].split("</ul>")[0]
    assert "NCP24-30 Retired Community" in html.split('id="diff-withdrawn"')[1]
    assert "NCP24-08 Mastery Readiness is now NCP25-08 Mastery Readiness Work Groups" in html
    assert "Work Group grant: was £4,200 per Work Group, now £4,500 per Work Group" in html


def test_the_year_details_are_saved(nadia, drafted):
    answer = nadia.post(
        "/catalogue/2025-26/edit/details/",
        {"source": "Menu 2025/26", "hubs": "40", "llmes_per_hub": "35", "fully_funded": "yes"},
    )
    assert answer.status_code == 302
    drafted.refresh_from_db()
    assert (drafted.source, drafted.hubs, drafted.llmes_per_hub, drafted.fully_funded) == (
        "Menu 2025/26",
        40,
        35,
        True,
    )
    bad = nadia.post("/catalogue/2025-26/edit/details/", {"hubs": "0"})
    assert "greater than or equal to 1" in bad.content.decode()


def test_the_years_own_stage_names_are_written_in_its_details(nadia, drafted):
    form = nadia.get("/catalogue/2025-26/edit/details/").content.decode()
    assert "mastery_readiness | Mastery Readiness | mastery_readiness" in form
    stages = (
        "secondary_embedding | Secondary Embedding | secondary_embedding_sustaining\n"
        "secondary_sustaining | Secondary Sustaining | secondary_embedding_sustaining"
    )
    assert nadia.post("/catalogue/2025-26/edit/details/", {"stages": stages}).status_code == 302
    assert list(drafted.stages.order_by("position").values_list("name", flat=True)) == [
        "Secondary Embedding",
        "Secondary Sustaining",
    ]
    nadia.post(
        "/catalogue/2025-26/edit/add/",
        _project(title="Secondary Sustaining Work Groups", journey_stage="secondary_sustaining"),
    )
    in_use = nadia.post(
        "/catalogue/2025-26/edit/details/",
        {"stages": "secondary_embedding | Secondary Embedding | secondary_embedding_sustaining"},
    )
    assert (
        "The stage secondary_sustaining is the stage of &quot;Secondary Sustaining Work "
        "Groups&quot;: keep it"
    ) in in_use.content.decode()
    bad = nadia.post("/catalogue/2025-26/edit/details/", {"stages": "just a name"})
    assert "Line 1 (&quot;just a name&quot;): write each stage as key | name" in (
        bad.content.decode()
    )
    assert drafted.stages.count() == 2


@pytest.mark.parametrize("persona", ["harriet", "leo", "pat", "simon"])
def test_no_one_else_reaches_the_editor_or_its_writes(cast, drafted, persona):
    client = client_for(getattr(cast, persona))
    # A draft year does not exist for them.
    assert client.get("/catalogue/2025-26/edit/").status_code == 404
    assert client.post("/catalogue/2025-26/edit/add/", _project(title="X")).status_code == 404
    # A published year's editor is refused.
    assert client.get("/catalogue/2023-24/edit/").status_code == 403
    slug = cast.mastery_readiness.slug
    writes = [
        ("/catalogue/2023-24/edit/add/", _project(title="X")),
        (f"/catalogue/2023-24/edit/projects/{slug}/", _project(title="X")),
        (f"/catalogue/2023-24/edit/projects/{slug}/move/", {"direction": "down"}),
        (f"/catalogue/2023-24/edit/projects/{slug}/withdraw/", {}),
        ("/catalogue/2023-24/edit/details/", {"hubs": "1"}),
        ("/catalogue/new/", {"year": "2030/31"}),
    ]
    for address, form in writes:
        assert client.post(address, form).status_code == 403, address
    assert NCP.objects.filter(title="X").count() == 0
    assert not AcademicYear.objects.filter(start_year=2030).exists()


def test_the_editor_page_asks_the_database_a_fixed_number_of_times(nadia, drafted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert nadia.get("/catalogue/2025-26/edit/").status_code == 200
        return len(captured)

    nadia.post("/catalogue/2025-26/edit/add/", _project(title="One"))
    few = queries()
    for n in range(15):
        nadia.post(
            "/catalogue/2025-26/edit/add/",
            _project(title=f"Project {n}", phases=["primary"], journey_stage="development"),
        )
    f.ActivityFactory(ncp=NCP.objects.get(slug="project-1"), academic_year=2025)
    assert queries() == few
