"""Benchmark: import a realistic 25,000-row GIAS CSV twice on a fresh SQLite database.

Run with `make bench` (benchmarks/run.py) or `.venv/bin/python -c "import
benchmarks.import_institutions as b; b.main()"`. Prints rows, seconds and rows/s
for the first import, the idempotent re-import and a re-import with 10% of rows
changed. Target (issue 3): 25,000 rows in under 20 s.
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from pathlib import Path

ROWS = 25_000
SEED = 20230101
TARGET_SECONDS = 20.0

# Current English local authorities: GIAS `LA (code)`, GSS code, name, region
# (shared/data/england_local_authorities_regions.csv, OGL v3.0).
LOCAL_AUTHORITIES = """\
201|E09000001|City of London|London
202|E09000007|Camden|London
203|E09000011|Greenwich|London
204|E09000012|Hackney|London
205|E09000013|Hammersmith and Fulham|London
206|E09000019|Islington|London
207|E09000020|Kensington and Chelsea|London
208|E09000022|Lambeth|London
209|E09000023|Lewisham|London
210|E09000028|Southwark|London
211|E09000030|Tower Hamlets|London
212|E09000032|Wandsworth|London
213|E09000033|Westminster|London
301|E09000002|Barking and Dagenham|London
302|E09000003|Barnet|London
303|E09000004|Bexley|London
304|E09000005|Brent|London
305|E09000006|Bromley|London
306|E09000008|Croydon|London
307|E09000009|Ealing|London
308|E09000010|Enfield|London
309|E09000014|Haringey|London
310|E09000015|Harrow|London
311|E09000016|Havering|London
312|E09000017|Hillingdon|London
313|E09000018|Hounslow|London
314|E09000021|Kingston upon Thames|London
315|E09000024|Merton|London
316|E09000025|Newham|London
317|E09000026|Redbridge|London
318|E09000027|Richmond upon Thames|London
319|E09000029|Sutton|London
320|E09000031|Waltham Forest|London
330|E08000025|Birmingham|West Midlands
331|E08000026|Coventry|West Midlands
332|E08000027|Dudley|West Midlands
333|E08000028|Sandwell|West Midlands
334|E08000029|Solihull|West Midlands
335|E08000030|Walsall|West Midlands
336|E08000031|Wolverhampton|West Midlands
340|E08000011|Knowsley|North West
341|E08000012|Liverpool|North West
342|E08000013|St. Helens|North West
343|E08000014|Sefton|North West
344|E08000015|Wirral|North West
350|E08000001|Bolton|North West
351|E08000002|Bury|North West
352|E08000003|Manchester|North West
353|E08000004|Oldham|North West
354|E08000005|Rochdale|North West
355|E08000006|Salford|North West
356|E08000007|Stockport|North West
357|E08000008|Tameside|North West
358|E08000009|Trafford|North West
359|E08000010|Wigan|North West
370|E08000016|Barnsley|Yorkshire and The Humber
371|E08000017|Doncaster|Yorkshire and The Humber
372|E08000018|Rotherham|Yorkshire and The Humber
373|E08000019|Sheffield|Yorkshire and The Humber
380|E08000032|Bradford|Yorkshire and The Humber
381|E08000033|Calderdale|Yorkshire and The Humber
382|E08000034|Kirklees|Yorkshire and The Humber
383|E08000035|Leeds|Yorkshire and The Humber
384|E08000036|Wakefield|Yorkshire and The Humber
390|E08000037|Gateshead|North East
391|E08000021|Newcastle upon Tyne|North East
392|E08000022|North Tyneside|North East
393|E08000023|South Tyneside|North East
394|E08000024|Sunderland|North East
420|E06000053|Isles of Scilly|South West
800|E06000022|Bath and North East Somerset|South West
801|E06000023|Bristol, City of|South West
802|E06000024|North Somerset|South West
803|E06000025|South Gloucestershire|South West
805|E06000001|Hartlepool|North East
806|E06000002|Middlesbrough|North East
807|E06000003|Redcar and Cleveland|North East
808|E06000004|Stockton-on-Tees|North East
810|E06000010|Kingston upon Hull, City of|Yorkshire and The Humber
811|E06000011|East Riding of Yorkshire|Yorkshire and The Humber
812|E06000012|North East Lincolnshire|Yorkshire and The Humber
813|E06000013|North Lincolnshire|Yorkshire and The Humber
815|E06000065|North Yorkshire|Yorkshire and The Humber
816|E06000014|York|Yorkshire and The Humber
821|E06000032|Luton|East of England
822|E06000055|Bedford|East of England
823|E06000056|Central Bedfordshire|East of England
825|E06000060|Buckinghamshire|South East
826|E06000042|Milton Keynes|South East
830|E10000007|Derbyshire|East Midlands
831|E06000015|Derby|East Midlands
838|E06000059|Dorset|South West
839|E06000058|Bournemouth, Christchurch and Poole|South West
840|E06000047|County Durham|North East
841|E06000005|Darlington|North East
845|E10000011|East Sussex|South East
846|E06000043|Brighton and Hove|South East
850|E10000014|Hampshire|South East
851|E06000044|Portsmouth|South East
852|E06000045|Southampton|South East
855|E10000018|Leicestershire|East Midlands
856|E06000016|Leicester|East Midlands
857|E06000017|Rutland|East Midlands
860|E10000028|Staffordshire|West Midlands
861|E06000021|Stoke-on-Trent|West Midlands
865|E06000054|Wiltshire|South West
866|E06000030|Swindon|South West
867|E06000036|Bracknell Forest|South East
868|E06000040|Windsor and Maidenhead|South East
869|E06000037|West Berkshire|South East
870|E06000038|Reading|South East
871|E06000039|Slough|South East
872|E06000041|Wokingham|South East
873|E10000003|Cambridgeshire|East of England
874|E06000031|Peterborough|East of England
876|E06000006|Halton|North West
877|E06000007|Warrington|North West
878|E10000008|Devon|South West
879|E06000026|Plymouth|South West
880|E06000027|Torbay|South West
881|E10000012|Essex|East of England
882|E06000033|Southend-on-Sea|East of England
883|E06000034|Thurrock|East of England
884|E06000019|Herefordshire, County of|West Midlands
885|E10000034|Worcestershire|West Midlands
886|E10000016|Kent|South East
887|E06000035|Medway|South East
888|E10000017|Lancashire|North West
889|E06000008|Blackburn with Darwen|North West
890|E06000009|Blackpool|North West
891|E10000024|Nottinghamshire|East Midlands
892|E06000018|Nottingham|East Midlands
893|E06000051|Shropshire|West Midlands
894|E06000020|Telford and Wrekin|West Midlands
895|E06000049|Cheshire East|North West
896|E06000050|Cheshire West and Chester|North West
908|E06000052|Cornwall|South West
916|E10000013|Gloucestershire|South West
919|E10000015|Hertfordshire|East of England
921|E06000046|Isle of Wight|South East
925|E10000019|Lincolnshire|East Midlands
926|E10000020|Norfolk|East of England
929|E06000057|Northumberland|North East
931|E10000025|Oxfordshire|South East
933|E06000066|Somerset|South West
935|E10000029|Suffolk|East of England
936|E10000030|Surrey|South East
937|E10000031|Warwickshire|West Midlands
938|E10000032|West Sussex|South East
940|E06000061|North Northamptonshire|East Midlands
941|E06000062|West Northamptonshire|East Midlands
942|E06000063|Cumberland|North West
943|E06000064|Westmorland and Furness|North West
"""

# Norfolk is split between two hubs by district (shared/data/HUBS.md).
NORFOLK_DISTRICTS = [
    ("E07000143", "Breckland"),
    ("E07000144", "Broadland"),
    ("E07000145", "Great Yarmouth"),
    ("E07000146", "King's Lynn and West Norfolk"),
    ("E07000147", "North Norfolk"),
    ("E07000148", "Norwich"),
    ("E07000149", "South Norfolk"),
]

HEADER = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (name)",
    "Gender (name)",
    "ReligiousCharacter (name)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "Trusts (code)",
    "Trusts (name)",
    "UKPRN",
    "Street",
    "Locality",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "OfstedRating (name)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "ParliamentaryConstituency (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "UPRN",
    "FSM",
]

# (type code, type name, group code, group name, phase code, phase name, low, high, share)
KINDS = [
    ("1", "Community school", "4", "Local authority maintained schools", "2", "Primary", 4, 11, 24),
    (
        "2",
        "Voluntary aided school",
        "4",
        "Local authority maintained schools",
        "2",
        "Primary",
        4,
        11,
        8,
    ),
    (
        "3",
        "Voluntary controlled school",
        "4",
        "Local authority maintained schools",
        "2",
        "Primary",
        4,
        11,
        7,
    ),
    ("34", "Academy converter", "10", "Academies", "2", "Primary", 4, 11, 18),
    ("28", "Academy sponsor led", "10", "Academies", "2", "Primary", 4, 11, 5),
    ("34", "Academy converter", "10", "Academies", "4", "Secondary", 11, 18, 8),
    ("28", "Academy sponsor led", "10", "Academies", "4", "Secondary", 11, 16, 3),
    (
        "5",
        "Foundation school",
        "4",
        "Local authority maintained schools",
        "4",
        "Secondary",
        11,
        16,
        2,
    ),
    ("35", "Free schools", "11", "Free Schools", "7", "All-through", 4, 18, 1),
    (
        "5",
        "Foundation school",
        "4",
        "Local authority maintained schools",
        "5",
        "Middle deemed secondary",
        9,
        13,
        1,
    ),
    (
        "15",
        "Local authority nursery school",
        "4",
        "Local authority maintained schools",
        "1",
        "Nursery",
        2,
        5,
        1,
    ),
    ("7", "Community special school", "5", "Special schools", "0", "Not applicable", 2, 19, 2),
    ("44", "Academy special converter", "10", "Academies", "0", "Not applicable", 4, 19, 2),
    (
        "14",
        "Pupil referral unit",
        "4",
        "Local authority maintained schools",
        "0",
        "Not applicable",
        5,
        16,
        1,
    ),
    ("11", "Other independent school", "3", "Independent schools", "0", "Not applicable", 3, 18, 9),
    (
        "10",
        "Other independent special school",
        "5",
        "Special schools",
        "0",
        "Not applicable",
        5,
        19,
        3,
    ),
    ("18", "Further education", "1", "Colleges", "5", "16 plus", 16, 99, 1),
    ("29", "Higher education institutions", "2", "Universities", "0", "Not applicable", 18, 99, 1),
    ("27", "Miscellaneous", "9", "Other types", "0", "Not applicable", 0, 0, 1),
]
PLACES = [
    "Abbey",
    "Ashfield",
    "Beacon",
    "Birchwood",
    "Bramley",
    "Brook",
    "Castle",
    "Cedar",
    "Chapel",
    "Church",
    "Cliff",
    "Clover",
    "Copper",
    "Crown",
    "Dale",
    "Elm",
    "Fairfield",
    "Fern",
    "Field",
    "Forest",
    "Glebe",
    "Green",
    "Grange",
    "Hawthorn",
    "Heath",
    "Highfield",
    "Hill",
    "Holly",
    "Lark",
    "Lime",
    "Long",
    "Manor",
    "Maple",
    "Meadow",
    "Mill",
    "Moor",
    "Oak",
    "Orchard",
    "Park",
    "Priory",
    "Queens",
    "Riverside",
    "Rose",
    "Saint",
    "Silver",
    "Spring",
    "Stone",
    "Valley",
    "Willow",
    "Wood",
    "Kings",
    "Aldgate",
]
SAINTS = [
    "Mary's",
    "John's",
    "Peter's",
    "Paul's",
    "Michael's",
    "Andrew's",
    "Clement's",
    "Margaret's",
    "Helen's",
]
SUFFIX = {
    "Primary": [
        "Primary School",
        "Primary Academy",
        "Church of England Primary School",
        "Infant and Junior School",
        "Community Primary School",
    ],
    "Secondary": ["Academy", "High School", "School", "Grammar School", "Community College"],
}
OFSTED = ["Outstanding", "Good", "Good", "Good", "Requires improvement", "Inadequate", ""]
STATUSES = (
    [("1", "Open")] * 86 + [("2", "Closed")] * 12 + [("3", "Open, but proposed to close")] * 2
)


def local_authorities() -> list[tuple[str, str, str, str]]:
    return [tuple(line.split("|")) for line in LOCAL_AUTHORITIES.strip().splitlines()]  # type: ignore[misc]


def write_gias_csv(path: Path, rows: int = ROWS, seed: int = SEED) -> None:
    """A GIAS-layout CSV (cp1252, as GIAS downloads are) with `rows` establishments."""
    rng = random.Random(seed)
    las = local_authorities()
    kinds = [k for k in KINDS for _ in range(k[-1])]
    used_names: set[str] = set()
    with path.open("w", encoding="cp1252", newline="") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(HEADER)
        for i in range(rows):
            code, gss, la_name, region = las[i % len(las)]
            tcode, tname, gcode, gname, pcode, pname, low, high, _ = rng.choice(kinds)
            scode, sname = rng.choice(STATUSES)
            place = rng.choice(PLACES)
            if rng.random() < 0.15:
                place = f"St {rng.choice(SAINTS)}"
            suffix = rng.choice(SUFFIX.get(pname, ["School"]))
            name = f"{place} {suffix}"
            if name in used_names:
                name = f"{place} {la_name.split(',')[0]} {suffix}"
            if name in used_names:
                name = f"{name} ({i})"
            if rng.random() < 0.002:
                name = name.replace("Saint", "Sainte-Cl\u00e9ment")
            used_names.add(name)
            if code == "926":
                district, district_name = rng.choice(NORFOLK_DISTRICTS)
            else:
                district, district_name = gss, la_name
            pupils = rng.randint(30, 1800) if sname != "Closed" else ""
            fsm = f"{rng.uniform(2, 60):.1f}" if pupils and gcode != "3" else ""
            outward = (
                f"{rng.choice('ABCDEHLMNPSTW')}{rng.choice('ABCDELMNRSW')}{rng.randint(1, 29)}"
            )
            inward_letters = "".join(rng.choices("ABDEFGHJLNPQRSTUWXYZ", k=2))
            postcode = f"{outward} {rng.randint(1, 9)}{inward_letters}"
            opened = f"01/09/{rng.randint(1950, 2022)}" if rng.random() < 0.5 else ""
            closed = f"31/08/{rng.randint(2000, 2024)}" if sname == "Closed" else ""
            out.writerow(
                [
                    100000 + i,
                    code,
                    la_name,
                    2000 + i % 7000,
                    name,
                    tcode,
                    tname,
                    gcode,
                    gname,
                    scode,
                    sname,
                    "Not applicable",
                    opened,
                    "Not applicable" if not closed else "Other",
                    closed,
                    pcode,
                    pname,
                    low,
                    high,
                    "No boarders",
                    "Not applicable",
                    "Not applicable",
                    "Mixed",
                    "Does not apply",
                    "Not applicable",
                    rng.randint(100, 2000),
                    "19/01/2023",
                    pupils,
                    "",
                    "",
                    fsm,
                    "",
                    "",
                    10000000 + i,
                    f"{rng.randint(1, 200)} {place} Road",
                    "",
                    la_name.split(",")[0],
                    "",
                    postcode,
                    "",
                    "01234 567890",
                    "Mrs",
                    "Alex",
                    "Example",
                    rng.choice(OFSTED),
                    region,
                    district,
                    district_name,
                    "",
                    gss,
                    rng.randint(100000, 600000),
                    rng.randint(100000, 600000),
                    "",
                    "",
                ]
            )


def setup_django(db_path: Path) -> None:
    """Point Django at a throw-away SQLite file, in this process only, and migrate it."""
    import django
    from django.conf import settings

    if settings.configured:
        raise RuntimeError("Run a benchmark in its own process: Django is already set up.")
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    os.environ.setdefault("MATHSHUBS_TESTING", "false")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_areas() -> None:
    """The local authorities and 40 hubs, Norfolk split by district between two of them."""
    from mathshubs.directory.models import Hub, HubArea, LocalAuthority

    las = [
        LocalAuthority(code=code, gss_code=gss, name=name, region_name=region)
        for code, gss, name, region in local_authorities()
    ]
    LocalAuthority.objects.bulk_create(las)
    hubs = Hub.objects.bulk_create(
        [Hub(name=f"Benchmark {n} Maths Hub", slug=f"bench-{n}", region="") for n in range(40)]
    )
    areas = []
    for i, la in enumerate(LocalAuthority.objects.order_by("code")):
        if la.code == "926":
            for j, (district, name) in enumerate(NORFOLK_DISTRICTS):
                hub = hubs[0] if j == 3 else hubs[1]
                areas.append(
                    HubArea(hub=hub, local_authority=la, district_code=district, district_name=name)
                )
        else:
            areas.append(HubArea(hub=hubs[i % 40], local_authority=la))
    HubArea.objects.bulk_create(areas)


def change_some_rows(source: Path, target: Path, share: float = 0.1) -> int:
    rng = random.Random(SEED + 1)
    changed = 0
    with (
        source.open(encoding="cp1252", newline="") as fin,
        target.open("w", encoding="cp1252", newline="") as fout,
    ):
        reader, writer = csv.reader(fin), csv.writer(fout, lineterminator="\r\n")
        header = next(reader)
        writer.writerow(header)
        pupils_at = header.index("NumberOfPupils")
        for row in reader:
            if rng.random() < share:
                row[pupils_at] = str(rng.randint(30, 1800))
                changed += 1
            writer.writerow(row)
    return changed


def timed(label: str, path: Path, rows: int) -> dict[str, float]:
    from mathshubs.directory.importers import institutions_import

    started = time.perf_counter()
    summary = institutions_import(path=path)
    seconds = time.perf_counter() - started
    print(f"{label:<28} {rows:>7,} rows {seconds:7.2f} s {rows / seconds:9,.0f} rows/s")
    print("    " + summary.report().replace("\n", "\n    "))
    return {"rows": rows, "seconds": round(seconds, 3), "rows_per_second": round(rows / seconds)}


def main(rows: int = ROWS) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="mathshubs-bench-") as tmp:
        tmpdir = Path(tmp)
        setup_django(tmpdir / "bench.sqlite3")
        load_areas()
        csv_path = tmpdir / "edubasealldata.csv"
        started = time.perf_counter()
        write_gias_csv(csv_path, rows)
        size = csv_path.stat().st_size
        print(
            f"Generated {rows:,} GIAS rows ({size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.1f} s; fresh SQLite database, migrated."
        )
        results = {
            "first_import": timed("First import", csv_path, rows),
            "reimport_unchanged": timed("Re-import (no changes)", csv_path, rows),
        }
        edited = tmpdir / "edited.csv"
        changed = change_some_rows(csv_path, edited)
        results["reimport_10pc_changed"] = timed(f"Re-import ({changed:,} changed)", edited, rows)
        first = results["first_import"]["seconds"]
        verdict = "within" if first < TARGET_SECONDS else "OVER"
        print(
            f"Target: {rows:,} rows in under {TARGET_SECONDS:.0f} s: first import {verdict} "
            f"({first:.2f} s)."
        )
        return results


if __name__ == "__main__":
    main()
