"""The stages of the Teaching for Mastery journey: the three tracks in order, the stage
that follows each, where a new school starts, and the names of the next steps."""

from __future__ import annotations

from mathshubs.catalogue.models import JourneyStage
from mathshubs.directory.models import Phase

S = JourneyStage
# The three tracks, each in the order a school moves along it.
PRIMARY_TRACK: tuple[str, ...] = (
    S.MASTERY_READINESS,
    S.DEVELOPMENT,
    S.EMBEDDING,
    S.SUSTAINING,
)
SECONDARY_TRACK: tuple[str, ...] = (
    S.SECONDARY_DEVELOPMENT,
    S.EMBEDDING_YEAR_SUPPORT,
    S.SECONDARY_EMBEDDING_SUSTAINING,
)
MASTERING_NUMBER_TRACK: tuple[str, ...] = (S.MASTERING_NUMBER, S.EMBEDDING_THE_IMPACT)
TFM_STAGES = PRIMARY_TRACK + SECONDARY_TRACK
JOURNEY_STAGES = TFM_STAGES + MASTERING_NUMBER_TRACK

# The stage that follows each stage. Sustaining is year on year, and so are secondary
# Embedding and Sustaining and the Embedding the Impact communities.
NEXT_STAGE: dict[str, str] = {
    S.MASTERY_READINESS: S.DEVELOPMENT,
    S.DEVELOPMENT: S.EMBEDDING,
    S.EMBEDDING: S.SUSTAINING,
    S.SUSTAINING: S.SUSTAINING,
    S.SECONDARY_DEVELOPMENT: S.EMBEDDING_YEAR_SUPPORT,
    S.EMBEDDING_YEAR_SUPPORT: S.SECONDARY_EMBEDDING_SUSTAINING,
    S.SECONDARY_EMBEDDING_SUSTAINING: S.SECONDARY_EMBEDDING_SUSTAINING,
    S.MASTERING_NUMBER: S.EMBEDDING_THE_IMPACT,
    S.EMBEDDING_THE_IMPACT: S.EMBEDDING_THE_IMPACT,
}
# A school that has reached one of these stays there: its current stage does not fall back.
PERMANENT_STAGES = frozenset({S.SUSTAINING, S.SECONDARY_EMBEDDING_SUSTAINING})
# Where a school with no Teaching for Mastery history starts, by its phase.
PRIMARY_START_PHASES = frozenset({Phase.PRIMARY, Phase.MIDDLE, Phase.SPECIAL})
SECONDARY_START_PHASES = frozenset({Phase.SECONDARY, Phase.ALL_THROUGH})

# The order next steps are offered in ("Schools ready for ...").
STEP_ORDER: tuple[str, ...] = (
    S.MASTERY_READINESS,
    S.DEVELOPMENT,
    S.EMBEDDING,
    S.SUSTAINING,
    S.SECONDARY_DEVELOPMENT,
    S.EMBEDDING_YEAR_SUPPORT,
    S.SECONDARY_EMBEDDING_SUSTAINING,
    S.MASTERING_NUMBER,
    S.EMBEDDING_THE_IMPACT,
)
STAGE_LABELS: dict[str, str] = dict(JourneyStage.choices)
# What a school at each next step joins (the 2023/24 handbook's project titles).
STEP_JOINS: dict[str, str] = {
    S.MASTERY_READINESS: "a Mastery Readiness Work Group",
    S.DEVELOPMENT: "a Primary Teaching for Mastery Development Work Group",
    S.EMBEDDING: "a Primary Teaching for Mastery Embedding Work Group",
    S.SUSTAINING: "a Primary Teaching for Mastery Sustaining Work Group",
    S.SECONDARY_DEVELOPMENT: "a Secondary Teaching for Mastery Development Work Group",
    S.EMBEDDING_YEAR_SUPPORT: "a Secondary Teaching for Mastery Embedding Year Support Work Group",
    S.SECONDARY_EMBEDDING_SUSTAINING: (
        "a Secondary Teaching for Mastery Embedding and Sustaining Work Group"
    ),
    S.MASTERING_NUMBER: "a Mastering Number Work Group",
    S.EMBEDDING_THE_IMPACT: "a Mastering Number Embedding the Impact Community",
}
STEP_NOT_VALID = "Choose a next step: {steps}"

# The tracks by the names the journey's summary gives them (`rule.JourneySummary`).
_TRACK_FIELDS = (
    ("primary", PRIMARY_TRACK),
    ("secondary", SECONDARY_TRACK),
    ("mn", MASTERING_NUMBER_TRACK),
)


def parse_step(text: str) -> str:
    """A next step as the API and pages name it: the stage key, e.g. `embedding`."""
    key = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    if key not in STEP_ORDER:
        raise ValueError(STEP_NOT_VALID.format(steps=", ".join(STEP_ORDER)))
    return key
