"""`mathshubs import-institutions`: GIAS CSV in, institutions upserted by URN, all or nothing."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mathshubs.directory.importers import ImportRefused, base, gias, institutions_import
from mathshubs.directory.models import Institution, Phase
from tests import factories as f

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "gias_good.csv"


@pytest.fixture
def areas(db):
    city = f.LocalAuthorityFactory(code="201", name="City of London")
    norfolk = f.LocalAuthorityFactory(code="926", name="Norfolk")
    london = f.HubFactory(name="London Central and West Maths Hub", slug="london")
    angles = f.HubFactory(name="Angles Maths Hub", slug="angles")
    cambridge = f.HubFactory(name="Cambridge Maths Hub", slug="cambridge")
    f.HubAreaFactory(hub=london, local_authority=city)
    f.norfolk_split(norfolk=norfolk, angles=angles, cambridge=cambridge)
    return {"london": london, "angles": angles, "cambridge": cambridge, "norfolk": norfolk}


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_institutions", str(path), "--quiet", stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Institution.objects.order_by("urn").values_list(
            "urn", "name", "phase", "is_open", "status", "hub_id", "updated_at"
        )
    )


def test_a_good_file_imports_every_english_establishment_with_its_phase_type_and_hub(areas):
    output = run(GOOD)

    assert Institution.objects.count() == 12  # 13 rows, one Welsh establishment skipped
    assert "Created 12, updated 0, unchanged 0." in output
    assert "Skipped 1 establishments outside England" in output
    by_urn = {i.urn: i for i in Institution.objects.select_related("hub", "local_authority")}
    aldgate = by_urn[100000]
    assert aldgate.name == "The Aldgate School"
    assert aldgate.search_name == "the aldgate school"
    assert aldgate.postcode == "EC3A 5DE"
    assert aldgate.postcode_key == "EC3A5DE"
    assert aldgate.phase == Phase.PRIMARY
    assert aldgate.establishment_type == "Voluntary aided school"
    assert aldgate.establishment_type_group == "Local authority maintained schools"
    assert aldgate.local_authority.code == "201"
    assert aldgate.district_code == "E09000001"
    assert aldgate.pupils == 262
    assert aldgate.percent_disadvantaged == Decimal("18.5")
    assert aldgate.ofsted_rating == "Outstanding"
    assert aldgate.is_open and aldgate.is_state_funded
    assert aldgate.hub == areas["london"]
    assert aldgate.source == "gias"

    expected_phases = {
        100001: Phase.OTHER,
        121001: Phase.SPECIAL,
        130002: Phase.POST16,
        141003: Phase.PRIMARY,
        131005: Phase.ALTERNATIVE,
        133006: Phase.ITT,
        121007: Phase.MIDDLE,
        121008: Phase.EARLY_YEARS,
        145009: Phase.ALL_THROUGH,
        121010: Phase.SECONDARY,
    }
    assert {urn: by_urn[urn].phase for urn in expected_phases} == expected_phases
    assert by_urn[100001].is_state_funded is False  # independent school
    assert by_urn[133006].is_state_funded is False  # university
    assert by_urn[100001].search_name == "city girls independent school"
    assert by_urn[121010].is_open is True  # "Open, but proposed to close"
    # Norfolk is split by district: King's Lynn goes to Cambridge, the rest to Angles.
    assert by_urn[130002].hub == areas["cambridge"]
    assert by_urn[145009].hub == areas["cambridge"]
    assert by_urn[141003].hub == areas["angles"]
    assert by_urn[121001].hub == areas["angles"]
    assert 401234 not in by_urn


def test_importing_the_same_file_again_changes_nothing_and_says_so(areas):
    run(GOOD)
    before = snapshot()

    output = run(GOOD)

    assert output.startswith("No changes: 12 rows matched what is held.")
    assert snapshot() == before


def test_a_changed_row_is_updated_in_place_and_rows_missing_from_the_file_are_left_alone(areas):
    run(GOOD)
    aldgate_id = Institution.objects.get(urn=100000).id

    output = run(FIXTURES / "gias_aldgate_closed.csv")

    assert "Created 0, updated 1, unchanged 0." in output
    assert "1 newly closed" in output
    aldgate = Institution.objects.get(urn=100000)
    assert aldgate.id == aldgate_id
    assert aldgate.is_open is False
    assert aldgate.status == "Closed"
    assert aldgate.hub == areas["london"]
    assert Institution.objects.count() == 12
    assert Institution.objects.get(urn=141003).is_open is True


def test_a_closed_establishment_is_kept_as_closed(areas):
    run(GOOD)

    old_mill = Institution.objects.get(urn=121004)

    assert old_mill.is_open is False
    assert old_mill.status == "Closed"
    assert old_mill.hub == areas["angles"]


def test_a_file_with_a_bad_urn_on_row_7_changes_nothing_and_names_row_column_and_reason(areas):
    run(GOOD)
    before = snapshot()
    path = FIXTURES / "gias_bad_urn_row7.csv"

    with pytest.raises(CommandError) as refused:
        run(path)

    message = str(refused.value)
    assert "Refused gias_bad_urn_row7.csv: nothing was changed. 1 problem found:" in message
    reason = gias.ERR_URN_NOT_INTEGER.format(value="ABC")
    assert f"gias_bad_urn_row7.csv, row 7, column URN: {reason}" in message
    assert base.REFUSED_FOOTER in message
    assert snapshot() == before


def test_a_bad_row_in_a_first_import_creates_nothing(areas):
    with pytest.raises(ImportRefused):
        institutions_import(path=FIXTURES / "gias_bad_urn_row7.csv")

    assert Institution.objects.count() == 0


def test_a_file_without_a_required_column_is_refused_naming_the_column(areas):
    with pytest.raises(CommandError) as refused:
        run(FIXTURES / "gias_missing_status_column.csv")

    reason = gias.ERR_MISSING_COLUMN.format(column="EstablishmentStatus (name)")
    assert f"row 1, column EstablishmentStatus (name): {reason}" in str(refused.value)
    assert Institution.objects.count() == 0


def test_a_cp1252_file_keeps_its_accented_names(areas):
    run(FIXTURES / "gias_cp1252.csv")

    school = Institution.objects.get(urn=141003)
    assert school.name == "École Élémentaire Saint-Clément"
    assert school.search_name == "ecole elementaire saint clement"


def write_csv(tmp_path: Path, rows: list[list[str]]) -> Path:
    header = GOOD.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def good_rows() -> list[list[str]]:
    with GOOD.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_duplicate_urns_unknown_authorities_and_bad_values_are_each_reported(areas, tmp_path):
    rows = good_rows()
    rows[2][0] = rows[1][0]  # row 4 repeats row 3's URN
    rows[3][1] = "999"  # row 5: no such local authority
    rows[4][17] = "four hundred"  # row 6: NumberOfPupils
    rows[4][18] = "140"  # row 6: PercentageFSM over 100
    rows[6][11] = "31/02/2020"  # row 8: OpenDate that does not exist
    rows[6][10] = "Shut"  # row 8: unknown status
    path = write_csv(tmp_path, rows)

    with pytest.raises(ImportRefused) as refused:
        institutions_import(path=path)

    described = [p.describe("edited.csv") for p in refused.value.problems]
    assert described == [
        "edited.csv, row 4, column URN: " + gias.ERR_DUPLICATE_URN.format(urn=100001, first_row=3),
        "edited.csv, row 5, column LA (code): " + gias.ERR_UNKNOWN_LA.format(value="999"),
        "edited.csv, row 6, column NumberOfPupils: "
        + gias.ERR_NOT_WHOLE_NUMBER.format(value="four hundred"),
        "edited.csv, row 6, column PercentageFSM: " + gias.ERR_NOT_PERCENTAGE.format(value="140"),
        "edited.csv, row 8, column EstablishmentStatus (name): "
        + gias.ERR_UNKNOWN_STATUS.format(
            value="Shut",
            choices="'Open', 'Open, but proposed to close', 'Proposed to open', 'Closed'",
        ),
        "edited.csv, row 8, column OpenDate: " + gias.ERR_BAD_DATE.format(value="31/02/2020"),
    ]
    assert Institution.objects.count() == 0


def test_only_the_first_twenty_problems_are_listed_then_how_many_more(areas, tmp_path):
    rows = [list(good_rows()[0]) for _ in range(25)]
    for i, row in enumerate(rows):
        row[0] = f"X{i}"
    path = write_csv(tmp_path, rows)

    with pytest.raises(ImportRefused) as refused:
        institutions_import(path=path)

    report = refused.value.report()
    assert refused.value.total == 25
    assert len(refused.value.problems) == gias.MAX_REPORTED_ERRORS
    assert "row 21, column URN" in report
    assert "row 22, column URN" not in report
    assert base.ERR_AND_MORE.format(count=5) in report


def test_a_missing_file_is_refused_with_its_path(db, tmp_path):
    with pytest.raises(CommandError) as refused:
        run(tmp_path / "nowhere.csv")

    assert gias.ERR_FILE_NOT_FOUND.format(path=tmp_path / "nowhere.csv") in str(refused.value)


def test_an_unknown_phase_is_imported_as_other_with_a_warning(areas, tmp_path):
    rows = good_rows()[:1]
    rows[0][14] = "Secondary modern"
    path = write_csv(tmp_path, rows)

    output = run(path)

    assert Institution.objects.get(urn=100000).phase == Phase.OTHER
    assert "Warning: 1 row had the PhaseOfEducation (name) 'Secondary modern'" in output


def test_a_file_without_the_optional_columns_imports_and_leaves_held_values_alone(areas, tmp_path):
    run(GOOD)
    optional = {"NumberOfPupils", "PercentageFSM", "OfstedRating (name)", "OpenDate", "CloseDate"}
    with GOOD.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [i for i, name in enumerate(rows[0]) if name not in optional]
    path = tmp_path / "narrow.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[row[i] for i in keep] for row in rows])
    Institution.objects.filter(urn=100000).update(name="Old Name")

    output = run(path)

    assert "Created 0, updated 1, unchanged 11." in output
    aldgate = Institution.objects.get(urn=100000)
    assert aldgate.name == "The Aldgate School"
    assert (aldgate.pupils, aldgate.ofsted_rating) == (262, "Outstanding")


def test_a_first_import_without_the_optional_columns_leaves_them_empty(areas, tmp_path):
    with GOOD.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [
        i for i, name in enumerate(rows[0]) if name not in {"NumberOfPupils", "OfstedRating (name)"}
    ]
    path = tmp_path / "narrow.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[row[i] for i in keep] for row in rows])

    run(path)

    aldgate = Institution.objects.get(urn=100000)
    assert (aldgate.pupils, aldgate.ofsted_rating, aldgate.hub_override) == (None, "", None)
    assert aldgate.percent_disadvantaged == Decimal("18.5")


def test_the_import_does_not_query_per_row(areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        institutions_import(path=GOOD)
    run(GOOD)  # and again, everything unchanged
    with django_assert_max_num_queries(20):
        institutions_import(path=GOOD)


def test_the_mathshubs_command_is_installed_and_imports_a_file(tmp_path):
    """Through the installed `mathshubs` script, on its own SQLite database."""
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "MATHSHUBS_TESTING": "false",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    mathshubs = str(bin_dir / "mathshubs")
    subprocess.run([mathshubs, "migrate", "-v0"], env=env, check=True, timeout=300)
    setup = (
        "from mathshubs.directory.models import LocalAuthority as L;"
        "L.objects.create(code='201', name='City of London');"
        "L.objects.create(code='926', name='Norfolk')"
    )
    subprocess.run([mathshubs, "shell", "-c", setup], env=env, check=True, timeout=120)

    first = subprocess.run(
        [mathshubs, "import-institutions", str(GOOD)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    second = subprocess.run(
        [mathshubs, "import-institutions", str(GOOD)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    bad = subprocess.run(
        [mathshubs, "import-institutions", str(FIXTURES / "gias_bad_urn_row7.csv")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert first.returncode == 0, first.stderr
    assert "Created 12, updated 0, unchanged 0." in first.stdout
    assert second.stdout.startswith("No changes: 12 rows matched what is held.")
    assert bad.returncode == 1
    assert "row 7, column URN" in bad.stderr


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_do_not_trip_over_each_other(areas):
    import threading

    from django.db import connection as main_connection
    from django.db import connections

    results: list[object] = []

    def import_once() -> None:
        try:
            results.append(institutions_import(path=GOOD))
        except Exception as exc:  # reported below, with its type
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=import_once) for _ in range(2)]
    if main_connection.vendor == "sqlite":
        # The in-memory test database is shared between threads but cannot wait for a
        # lock; file databases (the real default) wait. Run them one after the other.
        for thread in threads:
            thread.start()
            thread.join()
    else:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    created = sorted(r.created for r in results)  # type: ignore[attr-defined]
    assert created[0] == 0 and created[1] == Institution.objects.count()
