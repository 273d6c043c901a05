"""The GIAS "all establishment data" layout: its columns, and how its types and phases map."""

from __future__ import annotations

from mathshubs.directory.models import Phase

# GIAS column names (SOURCES.md, "GIAS ... CSV").
COL_URN = "URN"
COL_NAME = "EstablishmentName"
COL_TYPE = "TypeOfEstablishment (name)"
COL_TYPE_GROUP = "EstablishmentTypeGroup (name)"
COL_STATUS = "EstablishmentStatus (name)"
COL_PHASE = "PhaseOfEducation (name)"
COL_LA = "LA (code)"
COL_DISTRICT = "DistrictAdministrative (code)"
COL_POSTCODE = "Postcode"
COL_PUPILS = "NumberOfPupils"
COL_FSM = "PercentageFSM"
COL_OFSTED = "OfstedRating (name)"
COL_OPEN_DATE = "OpenDate"
COL_CLOSE_DATE = "CloseDate"

REQUIRED_COLUMNS = (
    COL_URN,
    COL_NAME,
    COL_TYPE,
    COL_TYPE_GROUP,
    COL_STATUS,
    COL_PHASE,
    COL_LA,
    COL_DISTRICT,
    COL_POSTCODE,
)
# Read when present; when a file lacks one, the value already held is left alone.
OPTIONAL_COLUMNS = (COL_PUPILS, COL_FSM, COL_OFSTED, COL_OPEN_DATE, COL_CLOSE_DATE)

MAX_REPORTED_ERRORS = 20
BATCH_SIZE = 2000

# Error messages (asserted by tests). Each says what is wrong and how to fix it.
ERR_FILE_NOT_FOUND = "There is no file at {path}. Check the path and try again."
ERR_ENCODING = (
    "The file is neither UTF-8 nor Windows-1252 (cp1252) text. "
    "Save it from your spreadsheet as 'CSV UTF-8' and import it again."
)
ERR_EMPTY_FILE = (
    "The file is empty. Export 'all establishment data' from GIAS and import that file."
)
ERR_MISSING_COLUMN = (
    "the header row has no column {column}. Export 'all establishment data' from GIAS, "
    "or add the column with this exact name."
)
ERR_DUPLICATE_COLUMN = "the header row has the column {column} twice. Delete one of them."
ERR_TOO_FEW_VALUES = (
    "the row has {found} values but the header has {expected} columns. "
    "Check the row for a missing comma or an unclosed quote."
)
ERR_REQUIRED = "is empty. Every establishment needs a value here: fill it in or delete the row."
ERR_URN_NOT_INTEGER = (
    "{value!r} is not a URN. A URN is the whole number GIAS gives each establishment, "
    "for example 100000: correct it or delete the row."
)
ERR_DUPLICATE_URN = (
    "URN {urn} is also on row {first_row}. Each establishment must appear once: "
    "delete one of the two rows."
)
ERR_UNKNOWN_LA = (
    "no local authority has the code {value!r}. Check the code against GIAS 'LA (code)', "
    "or ask the national team to add the authority before importing."
)
ERR_UNKNOWN_STATUS = "{value!r} is not a GIAS establishment status. Use one of: {choices}."
ERR_NOT_WHOLE_NUMBER = (
    "{value!r} is not a whole number of pupils. Use digits only, for example 420, "
    "or leave it empty."
)
ERR_NOT_PERCENTAGE = (
    "{value!r} is not a percentage between 0 and 100. Use a number such as 23.5, or leave it empty."
)
ERR_BAD_DATE = (
    "{value!r} is not a date in the form dd/mm/yyyy. Use for example 01/09/2023, or leave it empty."
)
ERR_TOO_LONG = "the value is {length} characters long; at most {limit} are held. Shorten it."
ERR_POSTCODE_TOO_LONG = (
    "{value!r} is too long for a UK postcode (at most 8 characters without the space, "
    "for example EC3A 5DE). Correct it or leave it empty."
)
NO_CHANGES = "No changes: {rows:,} rows matched what is held."

# GIAS EstablishmentStatus (name) values (SOURCES.md).
OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})
CLOSED_STATUS = "Closed"
KNOWN_STATUSES = ("Open", "Open, but proposed to close", "Proposed to open", "Closed")

# Establishments outside England: not part of the programme, counted and skipped.
OUTSIDE_ENGLAND_TYPES = frozenset(
    {"Welsh establishment", "British schools overseas", "Offshore schools"}
)
OUTSIDE_ENGLAND_GROUPS = frozenset({"Welsh schools"})

# Types decide the phase before PhaseOfEducation does (docs/directory-import.md).
SPECIAL_TYPES = frozenset(
    {
        "Community special school",
        "Foundation special school",
        "Non-maintained special school",
        "Other independent special school",
        "Academy special sponsor led",
        "Academy special converter",
        "Free schools special",
        "Special post 16 institution",
    }
)
ALTERNATIVE_TYPES = frozenset(
    {
        "Pupil referral unit",
        "Academy alternative provision converter",
        "Academy alternative provision sponsor led",
        "Free schools alternative provision",
    }
)
POST16_TYPES = frozenset(
    {
        "Further education",
        "Sixth form centres",
        "Academy 16-19 converter",
        "Academy 16 to 19 sponsor led",
        "Academy secure 16 to 19",
        "Free schools 16 to 19",
    }
)
EARLY_YEARS_TYPES = frozenset({"Local authority nursery school"})
GROUP_PHASES = {
    "Special schools": Phase.SPECIAL,
    "Colleges": Phase.POST16,
    "Universities": Phase.ITT,
}
PHASES_OF_EDUCATION = {
    "Nursery": Phase.EARLY_YEARS,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.MIDDLE,
    "Middle deemed secondary": Phase.MIDDLE,
    "Secondary": Phase.SECONDARY,
    "All-through": Phase.ALL_THROUGH,
    "16 plus": Phase.POST16,
    "Not applicable": Phase.OTHER,
    "": Phase.OTHER,
}
NOT_STATE_FUNDED_GROUPS = frozenset({"Independent schools", "Welsh schools"})
NOT_STATE_FUNDED_TYPES = frozenset(
    {
        "Other independent school",
        "Other independent special school",
        "Non-maintained special school",
        "Higher education institutions",
        "British schools overseas",
        "Offshore schools",
        "Online provider",
        "Service children's education",
    }
)
# A city technology college sits in GIAS's "Independent schools" group but is state-funded.
STATE_FUNDED_DESPITE_GROUP = frozenset({"City technology college"})


def phase_for(*, type_name: str, group_name: str, phase_name: str) -> tuple[str, bool]:
    """The directory phase of a GIAS establishment, and whether its phase name was known.

    Source: shared/data/gias_establishment_types_20250422.csv (type groups and
    types) and GIAS PhaseOfEducation values; the table is in docs/directory-import.md.
    Special and alternative provision are decided by type, because GIAS records
    most of them with the phase "Not applicable"; colleges and 16-19 types are
    post-16 and universities are ITT providers whatever their phase says.
    """
    if type_name in SPECIAL_TYPES:
        return Phase.SPECIAL, True
    if type_name in ALTERNATIVE_TYPES:
        return Phase.ALTERNATIVE, True
    if type_name in POST16_TYPES:
        return Phase.POST16, True
    if type_name in EARLY_YEARS_TYPES:
        return Phase.EARLY_YEARS, True
    if group_name in GROUP_PHASES:
        return GROUP_PHASES[group_name], True
    phase = PHASES_OF_EDUCATION.get(phase_name)
    if phase is None:
        return Phase.OTHER, False
    return phase, True


def is_state_funded_for(*, type_name: str, group_name: str) -> bool:
    """Whether a GIAS establishment counts among state-funded schools and colleges.

    Source: gias_establishment_types_20250422.csv; independent schools stay out of
    state-funded counts (issue 3, item 7). Non-maintained special schools, higher
    education institutions and establishments outside England are not counted.
    """
    if type_name in STATE_FUNDED_DESPITE_GROUP:
        return True
    return group_name not in NOT_STATE_FUNDED_GROUPS and type_name not in NOT_STATE_FUNDED_TYPES
