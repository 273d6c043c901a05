"""Sample arguments and exact answers of the journey and LLME register pages and API for
tests/test_smoke.py."""

from __future__ import annotations

from mathshubs.activities.models import DevelopmentProgramme

OK, FOUND, DENIED, MISSING = 200, 302, 403, 404


def _leos_programme(c) -> int:
    record, _ = DevelopmentProgramme.objects.get_or_create(
        person=c.leo.person, programme="pd_lead", started_year=2022, defaults={"hub": c.north}
    )
    return record.pk


SAMPLES = {
    "journey:hub": lambda c: ([c.north.slug], "?year=2023-24&next=development"),
    "journey:hub_llmes": lambda c: ([c.north.slug], "?year=2023-24"),
    "journey:llme_edit": lambda c: ([c.north.slug, c.leo.person.pk], ""),
    "journey:programme_add": lambda c: ([c.north.slug, c.leo.person.pk], ""),
    "journey:programme_change": lambda c: (
        [c.north.slug, c.leo.person.pk, _leos_programme(c)],
        "",
    ),
    "api:institution_journey": lambda c: ([c.north_school.urn], ""),
    "api:hub_journey": lambda c: ([c.north.slug], "?next=embedding&year=2023-24"),
    "api:hub_llmes": lambda c: ([c.north.slug], "?year=2023-24"),
}

# North's journey lists: North's staff and the national team; nobody else learns they exist.
HUB_JOURNEY = {
    "anonymous": FOUND,
    "nadia": OK,
    "harriet": OK,
    "leo": MISSING,
    "pat": MISSING,
    "sam": MISSING,
    "simon": MISSING,
}
# North's register: also North's LLMEs (Leo), who see it but may not change it.
REGISTER = {**HUB_JOURNEY, "leo": OK}
EDIT = {**HUB_JOURNEY, "leo": DENIED}
NATIONAL = {
    "anonymous": FOUND,
    "nadia": OK,
    "harriet": OK,
    "leo": DENIED,
    "pat": DENIED,
    "sam": DENIED,
    "simon": OK,
}


def _api(page: dict[str, int]) -> dict[str, int]:
    return {**page, "anonymous": 401}


EXPECTED = {
    "journey:hub": HUB_JOURNEY,
    "journey:hub_llmes": REGISTER,
    "journey:llme_edit": EDIT,
    "journey:programme_add": EDIT,
    "journey:programme_change": EDIT,
    "journey:national_llmes": NATIONAL,
    # North Primary's journey: North's staff, the national team and its own people (Harriet,
    # Leo and Pat work there).
    "api:institution_journey": _api({**HUB_JOURNEY, "leo": OK, "pat": OK}),
    "api:hub_journey": _api(HUB_JOURNEY),
    "api:hub_llmes": _api(REGISTER),
    "api:llme_summary": _api(NATIONAL),
}
