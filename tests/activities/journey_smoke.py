"""Sample arguments and exact answers of the journey and LLME register pages and API for
tests/access/samples.py."""

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
# North's register: also North's LLMEs (Leo), who see it but may not change it.


def _api(page: dict[str, int]) -> dict[str, int]:
    return {**page, "anonymous": 401}
