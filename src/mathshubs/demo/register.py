"""The demo LLME register: elements of expertise and development programmes.

In each year the number of LLMEs starting a development programme is the hub's
share of the national target (622 in 2022/23, the annual report's figure). LLMEs
who first lead in 2023/24 are the first to have started in 2022/23: they trained
the year before they led. Cohort numbers follow the 2023/24 handbook (Primary
Mastery Specialists cohort 9 and Secondary cohort 8 start in 2023/24; the secondary
programme lasts two years; post-16 Trailblazers in 2022/23, cohort 1 in 2023/24).
"""

from __future__ import annotations

import datetime
import random

from mathshubs.activities.models import (
    DevelopmentProgramme,
    DevelopmentProgrammeKind,
    Expertise,
    LLMEExpertise,
)
from mathshubs.demo import targets as t
from mathshubs.demo.hubs import HubData, Llme
from mathshubs.demo.targets import apportion_share

LATEST_COMPLETION = datetime.date(2023, 12, 31)
EXPERTISE_CHANCE = (
    (Expertise.PEDAGOGY, 0.9),
    (Expertise.PROFESSIONAL_DEVELOPMENT, 0.6),
    (Expertise.SCHOOL_DEVELOPMENT, 0.3),
)
# Which programme a start is on, and how often.
PROGRAMME_WEIGHTS = (
    ("primary_ms", 35),
    ("secondary_ms", 15),
    ("post16_ms", 3),
    ("pd_lead", 37),
    ("school_development_lead", 10),
)


def _programme(rng: random.Random, member: Llme, hub_id: int, year: int) -> DevelopmentProgramme:
    names = [n for n, _ in PROGRAMME_WEIGHTS]
    kind = rng.choices(names, [w for _, w in PROGRAMME_WEIGHTS])[0]
    if kind == "post16_ms" and year < 2022 or kind == "school_development_lead" and year < 2021:
        kind = "pd_lead"
    years, phase, cohort = 1, "", ""
    programme = DevelopmentProgrammeKind.MASTERY_SPECIALIST
    if kind == "primary_ms":
        phase, cohort = "primary", f"Primary cohort {year - 2014}"
    elif kind == "secondary_ms":
        phase, cohort, years = "secondary", f"Secondary cohort {year - 2015}", 2
    elif kind == "post16_ms":
        phase = "post16"
        cohort = "Post-16 Trailblazer" if year == 2022 else f"Post-16 cohort {year - 2022}"
    elif kind == "pd_lead":
        programme = DevelopmentProgrammeKind.PD_LEAD
        phase = rng.choice(("primary", "primary", "secondary", "post16"))
    else:
        programme = DevelopmentProgrammeKind.SCHOOL_DEVELOPMENT_LEAD
    completed_on = accredited_on = None
    finish = datetime.date(year + years, 7, 1) + datetime.timedelta(days=rng.randrange(20))
    if finish <= LATEST_COMPLETION and rng.random() < 0.85:
        completed_on = finish
        accredited = finish + datetime.timedelta(days=rng.randint(60, 150))
        if accredited <= LATEST_COMPLETION and rng.random() < 0.75:
            accredited_on = accredited
    return DevelopmentProgramme(
        person=member.person,
        programme=programme,
        phase=phase,
        cohort=cohort,
        hub_id=hub_id,
        started_year=year,
        completed_on=completed_on,
        accredited_on=accredited_on,
    )


def register_build(
    rng: random.Random, hubs: list[HubData]
) -> tuple[list[LLMEExpertise], list[DevelopmentProgramme]]:
    """Expertise for every LLME; development programmes started in 2022, 2023 and before."""
    expertise: list[LLMEExpertise] = []
    programmes: list[DevelopmentProgramme] = []
    weights = [len(h.llmes) for h in hubs]
    starting = {
        year: apportion_share(t.TARGETS[year].starting_programmes, weights, t.NATIONAL_LLMES)
        for year in t.YEARS
    }
    for i, hub in enumerate(hubs):
        for member in hub.llmes:
            held = [e for e, chance in EXPERTISE_CHANCE if rng.random() < chance]
            for element in held or [Expertise.PEDAGOGY]:
                expertise.append(LLMEExpertise(person=member.person, element=element))
        new = [m for m in hub.llmes if m.first_year == 2023]
        rest = [m for m in hub.llmes if m.first_year != 2023]
        rng.shuffle(rest)
        started_2022 = (new + rest)[: starting[2022][i]]
        later = [m for m in rest if m not in started_2022]
        started_2023 = later[: starting[2023][i]]
        for year, members in ((2022, started_2022), (2023, started_2023)):
            programmes += [_programme(rng, m, hub.hub_id, year) for m in members]
        for member in later[len(started_2023) :] + started_2023:
            if rng.random() < 0.6:
                programmes.append(_programme(rng, member, hub.hub_id, rng.randint(2016, 2021)))
    return expertise, programmes
