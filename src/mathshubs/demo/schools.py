"""The real schools of England from the January 2023 census, for the demo.

A small adapter for DfE's "Schools, pupils and their characteristics 2022/23"
school-level file (data/SOURCES.md), not the GIAS importer: the file shares GIAS
URNs and 3-digit LA codes but not its layout. It has no Ofsted judgement and no
open/closed status (every row was open at the census), so those stay blank/open.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from mathshubs.directory.models import Institution, Phase
from mathshubs.directory.names import postcode_key_for, search_name_for

SCHOOLS_CSV = Path(settings.PROJECT_DIR) / "data" / "spc_school_level_2022_23_england.csv.gz"
SOURCE = "spc"

# DfE suppression codes: z not applicable, x and c suppressed (data/SOURCES.md).
SUPPRESSED = frozenset({"z", "x", "c", ""})

COL_FSM_PERCENT = "% of pupils known to be eligible for free school meals"
COL_PUPILS = "headcount of pupils"

# Post-16 only establishments that DfE groups with state-funded secondary schools.
POST16_TYPES = frozenset(
    {"Free schools 16 to 19", "Academy 16-19 converter", "Academy 16 to 19 sponsor led"}
)


@dataclass(frozen=True)
class SchoolRow:
    urn: int
    name: str
    la_code: str
    district_code: str
    region_name: str
    phase_type_grouping: str
    establishment_type: str
    middle_school: str
    all_through_school: str
    postcode: str
    pupils: int | None
    percent_fsm: Decimal | None

    @property
    def is_state_funded(self) -> bool:
        """DfE's grouping: independent and non-maintained special schools are not state-funded."""
        return self.phase_type_grouping.startswith("State-funded")


def phase_for(row: SchoolRow) -> str:
    """Map the census grouping and establishment type to a directory phase."""
    grouping = row.phase_type_grouping
    if grouping == "State-funded nursery":
        return Phase.EARLY_YEARS
    if grouping == "State-funded primary":
        return Phase.MIDDLE if row.middle_school else Phase.PRIMARY
    if grouping == "State-funded secondary":
        if row.establishment_type in POST16_TYPES:
            return Phase.POST16
        if row.all_through_school:
            return Phase.ALL_THROUGH
        return Phase.MIDDLE if row.middle_school else Phase.SECONDARY
    if grouping in {"State-funded special school", "Non-maintained special school"}:
        return Phase.SPECIAL
    if grouping == "State-funded AP school":
        return Phase.ALTERNATIVE
    if "special" in row.establishment_type.lower():
        return Phase.SPECIAL
    # Independent schools: the census gives no phase for them.
    return Phase.OTHER


def _number(raw: str) -> int | None:
    raw = raw.strip()
    return None if raw in SUPPRESSED else int(raw)


def _percent(raw: str) -> Decimal | None:
    raw = raw.strip()
    return None if raw in SUPPRESSED else Decimal(raw).quantize(Decimal("0.1"))


def read_schools(path: Path = SCHOOLS_CSV) -> Iterator[SchoolRow]:
    """Every school of the census file, in file order (gzip or plain CSV)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            yield SchoolRow(
                urn=int(r["urn"]),
                name=r["school_name"].strip(),
                la_code=r["old_la_code"].strip(),
                district_code=r["district_administrative_code"].strip(),
                region_name=r["region_name"].strip(),
                phase_type_grouping=r["phase_type_grouping"].strip(),
                establishment_type=r["typeofestablishment_name"].strip(),
                middle_school=r["middle_school"].strip(),
                all_through_school=r["all_through_school"].strip(),
                postcode=r["school_postcode"].strip().upper(),
                pupils=_number(r[COL_PUPILS]),
                percent_fsm=_percent(r[COL_FSM_PERCENT]),
            )


def institution_from_row(row: SchoolRow, *, la_ids: dict[str, int]) -> Institution:
    """An unsaved Institution for one census row; FSM % stands for % disadvantaged."""
    return Institution(
        urn=row.urn,
        name=row.name,
        search_name=search_name_for(row.name),
        establishment_type=row.establishment_type,
        establishment_type_group=row.phase_type_grouping,
        phase=phase_for(row),
        is_state_funded=row.is_state_funded,
        local_authority_id=la_ids.get(row.la_code),
        district_code=row.district_code,
        postcode=row.postcode,
        postcode_key=postcode_key_for(row.postcode),
        is_open=True,
        status="Open",
        pupils=row.pupils,
        percent_disadvantaged=row.percent_fsm,
        source=SOURCE,
    )
