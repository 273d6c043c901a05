"""The Teaching for Mastery journey of each school (ISSUE 4, part 5; DOMAIN.md, "The
Teaching for Mastery (TfM) journey").

A school's stage comes from the projects it takes part in: each NCP on the journey
names its stage (`NCP.journey_stage`). From a school's enrolments this package gives
its history (one row per year and stage), its current stage in a year, and the
recommended next step (`recommended_next_step`, the programme's rule). For a hub,
`institutions_ready_for` lists the schools whose next step is a given stage as one
database query, and `hub_stage_counts` counts the hub's schools by stage.

Who may see a school's journey: the national team, hub staff of the school's serving
hub, and people whose institution it is. A hub's journey lists: that hub's staff and
the national team.

The package's modules: `stages` (the tracks and the names of the steps), `access` (who
may see what; the permissions), `history` (a school's history and current stage), `rule`
(the recommended next step) and `sql` (the same rule for a hub's schools). Everything
is imported from here, `mathshubs.activities.journey`.
"""

from mathshubs.activities.journey.access import (
    HUB_NOT_FOUND,
    INSTITUTION_NOT_FOUND,
    access_hub,
    access_institution,
    can_view_hub_journey,
    can_view_institution_journey,
    is_own_institution,
    is_staff_of_institution_hub,
    is_staff_of_journey_hub,
)
from mathshubs.activities.journey.history import (
    STATUS_LABELS,
    CurrentStage,
    JourneyRow,
    current_stage,
    current_stages,
    journey_history,
)
from mathshubs.activities.journey.rule import (
    REASON_CONTINUE,
    REASON_MASTERING_NUMBER,
    REASON_MASTERING_NUMBER_REPEAT,
    REASON_MOVE_ON,
    REASON_NEW,
    REASON_NEW_SECONDARY,
    REASON_REPEAT,
    InstitutionJourney,
    JourneySummary,
    NextStep,
    institution_journey,
    recommended_next_step,
    summarise,
)
from mathshubs.activities.journey.sql import (
    ReadyRow,
    StageCount,
    hub_schools,
    hub_stage_counts,
    institutions_ready_for,
    ready_condition,
    ready_rows,
    with_next_steps,
)
from mathshubs.activities.journey.stages import (
    JOURNEY_STAGES,
    MASTERING_NUMBER_TRACK,
    NEXT_STAGE,
    PERMANENT_STAGES,
    PRIMARY_START_PHASES,
    PRIMARY_TRACK,
    SECONDARY_START_PHASES,
    SECONDARY_TRACK,
    STAGE_LABELS,
    STEP_JOINS,
    STEP_NOT_VALID,
    STEP_ORDER,
    TFM_STAGES,
    parse_step,
)

__all__ = [
    "HUB_NOT_FOUND",
    "INSTITUTION_NOT_FOUND",
    "JOURNEY_STAGES",
    "MASTERING_NUMBER_TRACK",
    "NEXT_STAGE",
    "PERMANENT_STAGES",
    "PRIMARY_START_PHASES",
    "PRIMARY_TRACK",
    "REASON_CONTINUE",
    "REASON_MASTERING_NUMBER",
    "REASON_MASTERING_NUMBER_REPEAT",
    "REASON_MOVE_ON",
    "REASON_NEW",
    "REASON_NEW_SECONDARY",
    "REASON_REPEAT",
    "SECONDARY_START_PHASES",
    "SECONDARY_TRACK",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "STEP_JOINS",
    "STEP_NOT_VALID",
    "STEP_ORDER",
    "TFM_STAGES",
    "CurrentStage",
    "InstitutionJourney",
    "JourneyRow",
    "JourneySummary",
    "NextStep",
    "ReadyRow",
    "StageCount",
    "access_hub",
    "access_institution",
    "can_view_hub_journey",
    "can_view_institution_journey",
    "current_stage",
    "current_stages",
    "hub_schools",
    "hub_stage_counts",
    "institution_journey",
    "institutions_ready_for",
    "is_own_institution",
    "is_staff_of_institution_hub",
    "is_staff_of_journey_hub",
    "journey_history",
    "parse_step",
    "ready_condition",
    "ready_rows",
    "recommended_next_step",
    "summarise",
    "with_next_steps",
]
