"""The LLME register (ISSUE 4, part 6; DOMAIN.md, "LLMEs"; 2023/24 handbook, "The role of an
LLME", "Three elements of LLME expertise", "LLME development programmes", "Maths Hub LLME
Community").

A hub's LLME community in a year is everyone with an LLME role in that hub for that
year or ongoing. Each member has elements of expertise, development programmes, and is
*active* in the year when leading at least one activity of that year. Leading counts
whichever hub runs the activity; a hub's count of active LLMEs counts the members of
its own community (their LLME role's hub), so a leader who belongs to two hubs counts
in both and once nationally.

Who may see and change it:
- the national team and hub staff of the hub see the register in full and change its
  members' expertise and development programmes;
- LLMEs of the hub see their community: names, roles and whether each is active;
- the national summary (counts by hub) is for the national team and hub staff; the
  count of a hub's active LLMEs is not personal data and shows on the public hub page.

The package's modules: `rules` (who may see and change what; the permissions),
`selectors` (the community and the counts) and `services` (every write). Everything is
imported from here, `mathshubs.activities.register`.
"""

from mathshubs.activities.register.rules import (
    EDIT_FORBIDDEN,
    LLME_NOT_FOUND,
    LLME_ROLES,
    NATIONAL_FORBIDDEN,
    PROGRAMME_NOT_FOUND,
    REGISTER_NOT_FOUND,
    access_llme,
    access_programme,
    access_register,
    can_edit_llme,
    can_manage_register,
    can_view_national_llmes,
    can_view_register,
    is_llme_of_hub,
    is_staff_of_llme_hub,
    is_staff_of_register_hub,
    llme_hub_ids,
)
from mathshubs.activities.register.selectors import (
    HUB_ACTIVE_TARGET,
    NATIONAL_ACTIVE_TARGET,
    HubCounts,
    NationalCounts,
    RegisterRow,
    active_llmes_of_hub,
    community,
    hub_counts,
    national_counts,
)
from mathshubs.activities.register.services import (
    ACCREDITED_BEFORE_COMPLETED,
    ACCREDITED_IN_FUTURE,
    ACCREDITED_WITHOUT_COMPLETED,
    ALREADY_RECORDED,
    COHORT_TOO_LONG,
    COMPLETED_BEFORE_START,
    COMPLETED_IN_FUTURE,
    EXPERTISE_UNKNOWN,
    FIRST_PROGRAMME_YEAR,
    MASTERY_SPECIALIST_PHASES,
    PHASE_REQUIRED,
    PHASE_UNKNOWN,
    PROGRAMME_UNKNOWN,
    STARTED_YEAR_OUT_OF_RANGE,
    development_programme_record,
    development_programme_update,
    llme_set_expertise,
)

__all__ = [
    "ACCREDITED_BEFORE_COMPLETED",
    "ACCREDITED_IN_FUTURE",
    "ACCREDITED_WITHOUT_COMPLETED",
    "ALREADY_RECORDED",
    "COHORT_TOO_LONG",
    "COMPLETED_BEFORE_START",
    "COMPLETED_IN_FUTURE",
    "EDIT_FORBIDDEN",
    "EXPERTISE_UNKNOWN",
    "FIRST_PROGRAMME_YEAR",
    "HUB_ACTIVE_TARGET",
    "LLME_NOT_FOUND",
    "LLME_ROLES",
    "MASTERY_SPECIALIST_PHASES",
    "NATIONAL_ACTIVE_TARGET",
    "NATIONAL_FORBIDDEN",
    "PHASE_REQUIRED",
    "PHASE_UNKNOWN",
    "PROGRAMME_NOT_FOUND",
    "PROGRAMME_UNKNOWN",
    "REGISTER_NOT_FOUND",
    "STARTED_YEAR_OUT_OF_RANGE",
    "HubCounts",
    "NationalCounts",
    "RegisterRow",
    "access_llme",
    "access_programme",
    "access_register",
    "active_llmes_of_hub",
    "can_edit_llme",
    "can_manage_register",
    "can_view_national_llmes",
    "can_view_register",
    "community",
    "development_programme_record",
    "development_programme_update",
    "hub_counts",
    "is_llme_of_hub",
    "is_staff_of_llme_hub",
    "is_staff_of_register_hub",
    "llme_hub_ids",
    "llme_set_expertise",
    "national_counts",
]
