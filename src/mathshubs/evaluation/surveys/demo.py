"""The demo's surveys (ISSUE 10, part 2): a participant survey template and an LLME survey
template, each published as version 1, and for each demo year the autumn and summer
participant surveys of every activity (one series a year, pseudonymous) and the LLME
survey (identified), with answers.

Made from what is already in the database (the activities, their participations and
leads), with the builder's `random.Random`, walked in a fixed order, so a seed always
gives the same answers; inserted with bulk_create in batches.

- **Completion.** Most participants submit each survey, near but below 100%: a base rate
  (autumn 88%, summer 84%: the handbook asks LLMEs for 100%, and the summer one is the
  harder to get) moved by each hub and each NCP (some hubs and projects do better), never
  above 98.5%. A few more leave a draft they never submit. The LLME survey: about 80% of
  the leads.
- **Answers.** Each participant has an attitude of their own; each Likert item a level
  of its own; each activity a gain between autumn and summer (about +0.4 of a point on
  average, more for some activities, none for a few), so a matched comparison of the
  repeated items shows a realistic change. About a third of participants say they took
  part in a Maths Hub activity before, and are then asked which (the conditional
  question).
- **Pseudonymity.** The participant surveys are pseudonymous: their responses carry the
  series' pseudonym of the person, a random id, and no date; the completions carry the
  date. Responses are inserted in a shuffled order, so not even the order of the rows
  pairs them with the completions.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from typing import Any

from django.db import transaction

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.dates import LONDON
from mathshubs.directory.models import Role, RoleAssignment
from mathshubs.evaluation.surveys.models import (
    Audience,
    ConditionOperator,
    IdentifiedResponse,
    PseudonymousResponse,
    QuestionKind,
    SeriesGroup,
    Survey,
    SurveyCompletion,
    SurveyQuestion,
    SurveySection,
    SurveySeries,
    SurveyTemplate,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonyms_of

BATCH = 2000
AGREE = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]
# Repeated Likert items: key, statement, the level (1 to 5) autumn answers sit around.
ITEMS = [
    ("confidence-teaching", "I feel confident teaching mathematics", 3.3),
    ("subject-knowledge", "I have a deep understanding of the mathematics I teach", 3.4),
    ("pupil-reasoning", "My pupils explain and justify their mathematical thinking", 2.8),
    ("collaboration", "I plan and review mathematics lessons with colleagues", 2.9),
    ("pupil-attitude", "My pupils enjoy mathematics", 3.2),
]
ROLES = ["Class teacher", "Maths lead", "Teaching assistant", "Senior leader", "Other"]
PHASES = ["Early years", "Primary", "Secondary", "Post-16"]
APPROACHES = [
    "Bar models",
    "Variation",
    "Concrete resources",
    "Same-day intervention",
    "Mathematical talk",
]
BEFORE = [
    "A Teaching for Mastery Work Group",
    "Mastering Number",
    "A Subject Knowledge for Teaching Mathematics programme",
    "A secondary Work Group, some years ago",
    "A Maths Hub community",
]
COMMENTS = [
    "The sessions have been really useful.",
    "More time to plan with colleagues would help.",
    "It has changed how our school teaches maths.",
    "I would like more examples for mixed-age classes.",
    "Release time is hard to arrange.",
]
LLME_CHALLENGES = ["Release time", "Recruiting schools", "Staff changes", "Travel", "Other"]


def _value(label: str) -> str:
    return label.lower().replace(" ", "-").replace(",", "")


def _options(labels: list[str]) -> list[dict[str, Any]]:
    return [{"value": _value(label), "label": label} for label in labels]


def _likert() -> list[dict[str, Any]]:
    return [{"value": point, "label": label} for point, label in enumerate(AGREE, 1)]


class _Built:
    """A published version made from a list of sections of question specs."""

    def __init__(self, title: str, description: str, by: int | None, now: dt.datetime):
        self.template = SurveyTemplate.objects.create(
            title=title, description=description, created_by_id=by
        )
        self.version = TemplateVersion.objects.create(
            template=self.template,
            number=1,
            status=VersionStatus.PUBLISHED,
            published_at=now,
            published_by_id=by,
        )
        self.questions: dict[str, SurveyQuestion] = {}
        self._sections = 0

    def section(self, title: str, intro: str, questions: list[dict[str, Any]]) -> None:
        self._sections += 1
        section = SurveySection.objects.create(
            version=self.version, position=self._sections, title=title, intro=intro
        )
        for position, spec in enumerate(questions, 1):
            name = spec.pop("name")
            on = spec.pop("shown_when", None)
            if on is not None:
                spec.update(
                    condition_question=self.questions[on[0]],
                    condition_operator=ConditionOperator.EQUALS,
                    condition_value=on[1],
                )
            self.questions[name] = SurveyQuestion.objects.create(
                section=section, position=position, **spec
            )


def _participant_template(by: int | None, now: dt.datetime) -> _Built:
    built = _Built(
        "Participant survey",
        "Tell us about your teaching of mathematics. The same questions are asked in the "
        "autumn and the summer, so that we can see what changes over the year.",
        by,
        now,
    )
    single, number = QuestionKind.SINGLE, QuestionKind.NUMBER
    built.section(
        "About you",
        "",
        [
            {
                "name": "role",
                "text": "What is your role?",
                "kind": single,
                "options": _options(ROLES),
            },
            {
                "name": "years",
                "text": "How many years have you taught?",
                "kind": number,
                "min_value": 0,
                "max_value": 50,
            },
            {
                "name": "phase",
                "text": "Which phase do you teach?",
                "kind": single,
                "options": _options(PHASES),
            },
            {
                "name": "before",
                "text": "Have you taken part in a Maths Hub activity before this year?",
                "kind": single,
                "options": _options(["Yes", "No"]),
            },
        ],
    )
    built.section(
        "Your teaching",
        "How far do you agree with each statement?",
        [
            {
                "name": key,
                "text": text,
                "kind": QuestionKind.LIKERT,
                "options": _likert(),
                "repeated": True,
                "item_key": key,
            }
            for key, text, _ in ITEMS
        ],
    )
    built.section(
        "Your activity",
        "",
        [
            {
                "name": "approaches",
                "text": "Which of these have you used in your lessons this term?",
                "kind": QuestionKind.MULTIPLE,
                "options": _options(APPROACHES),
                "required": False,
            },
            {
                "name": "which_before",
                "text": "Which Maths Hub activity did you take part in before?",
                "kind": QuestionKind.TEXT,
                "shown_when": ("before", "yes"),
            },
            {
                "name": "comments",
                "text": "Is there anything else you would like to tell us?",
                "kind": QuestionKind.TEXT,
                "required": False,
            },
        ],
    )
    return built


def _llme_template(by: int | None, now: dt.datetime) -> _Built:
    built = _Built(
        "LLME survey",
        "For the leads of each activity, at the end of the year: how it went.",
        by,
        now,
    )
    likert = QuestionKind.LIKERT
    built.section(
        "Your activity",
        "",
        [
            {
                "name": "as_planned",
                "text": "The activity ran as it was planned",
                "kind": likert,
                "options": _likert(),
            },
            {
                "name": "engaged",
                "text": "The participants engaged fully with the activity",
                "kind": likert,
                "options": _likert(),
            },
            {
                "name": "sessions",
                "text": "How many sessions did the activity hold?",
                "kind": QuestionKind.NUMBER,
                "min_value": 0,
                "max_value": 30,
            },
            {
                "name": "challenges",
                "text": "What made the activity harder to run?",
                "kind": QuestionKind.MULTIPLE,
                "options": _options(LLME_CHALLENGES),
                "required": False,
            },
            {
                "name": "support",
                "text": "Did your Project Lead's support meet your needs?",
                "kind": QuestionKind.SINGLE,
                "options": _options(["Yes", "Partly", "No"]),
            },
            {
                "name": "comments",
                "text": "Anything else about leading the activity?",
                "kind": QuestionKind.TEXT,
                "required": False,
            },
        ],
    )
    return built


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _point(rng: random.Random, level: float) -> int:
    return int(_clamp(round(level + rng.gauss(0, 0.6)), 1, 5))


class _SurveyMaker:
    def __init__(self, rng: random.Random, participant: _Built, llme: _Built, by: int | None):
        self.rng, self.participant, self.llme, self.by = rng, participant, llme, by
        self.counts: dict[str, int] = defaultdict(int)
        self.hub_effect: dict[int, float] = {}
        self.ncp_effect: dict[int | None, float] = {None: 0.0}

    def _effect(self, table: dict, key: Any, spread: float) -> float:
        if key not in table:
            table[key] = self.rng.gauss(0, spread)
        return table[key]

    def _day(self, survey: Survey) -> dt.date:
        """A day of the survey's window, most answers in its first weeks."""
        span = (survey.closes_on - survey.opens_on).days
        return survey.opens_on + dt.timedelta(days=int(span * self.rng.random() ** 1.7))

    def _survey(
        self,
        series: SurveySeries,
        audience: str,
        version: TemplateVersion,
        opens: dt.date,
        closes: dt.date,
        pseudonymous: bool,
        title: str,
    ) -> Survey:
        self.counts["surveys"] += 1
        return Survey.objects.create(
            version=version,
            series=series,
            audience=audience,
            title=title,
            opens_on=opens,
            closes_on=closes,
            pseudonymous=pseudonymous,
            created_by_id=self.by,
            invitations_sent_at=dt.datetime.combine(opens, dt.time(8, 0), tzinfo=LONDON),
        )

    def year(self, year: int) -> None:
        rng = self.rng
        series = SurveySeries.objects.create(
            academic_year=year,
            group=SeriesGroup.PARTICIPANTS,
            secret=f"{rng.getrandbits(256):064x}",
        )
        version = self.participant.version
        autumn = self._survey(
            series,
            Audience.AUTUMN,
            version,
            dt.date(year, 10, 2),
            dt.date(year, 11, 3),
            True,
            "Participant survey: autumn",
        )
        summer = self._survey(
            series,
            Audience.SUMMER,
            version,
            dt.date(year + 1, 6, 3),
            dt.date(year + 1, 7, 12),
            True,
            "Participant survey: summer",
        )
        rows = list(
            Participation.objects.filter(activity__academic_year=year)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .order_by("pk")
            .values_list("person_id", "activity_id", "activity__hub_id", "activity__ncp_id")
        )
        pseudonyms = pseudonyms_of(
            series_secret=series.secret, person_ids=sorted({r[0] for r in rows})
        )
        gain: dict[int, float] = {}
        responses: list[PseudonymousResponse] = []
        completions: list[SurveyCompletion] = []
        for person_id, activity_id, hub_id, ncp_id in rows:
            shift = self._effect(self.hub_effect, hub_id, 0.05) + self._effect(
                self.ncp_effect, ncp_id, 0.035
            )
            if activity_id not in gain:
                gain[activity_id] = max(0.0, rng.gauss(0.4, 0.22))
            attitude = rng.gauss(0, 0.7)
            person = self._background()
            for survey, base, lift in ((autumn, 0.88, 0.0), (summer, 0.84, gain[activity_id])):
                draw = rng.random()
                rate = _clamp(base + shift, 0.55, 0.985)
                if draw >= rate + 0.03:
                    continue
                submitted = draw < rate
                answers = self._answers(person, attitude + lift, complete=submitted)
                responses.append(
                    PseudonymousResponse(
                        id=uuid.UUID(int=rng.getrandbits(128), version=4),
                        survey=survey,
                        activity_id=activity_id,
                        pseudonym=pseudonyms[person_id],
                        answers=answers,
                        submitted=submitted,
                    )
                )
                if submitted:
                    completions.append(
                        SurveyCompletion(
                            survey=survey,
                            activity_id=activity_id,
                            person_id=person_id,
                            submitted_on=self._day(survey),
                        )
                    )
        rng.shuffle(responses)
        PseudonymousResponse.objects.bulk_create(responses, batch_size=BATCH)
        SurveyCompletion.objects.bulk_create(completions, batch_size=BATCH)
        self.counts["pseudonymous_responses"] += len(responses)
        self.counts["completions"] += len(completions)
        self._llme_year(year)

    def _background(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "role": _value(rng.choices(ROLES, weights=(60, 22, 8, 7, 3))[0]),
            "years": int(_clamp(rng.gammavariate(2.2, 5), 0, 45)),
            "phase": _value(rng.choices(PHASES, weights=(8, 70, 18, 4))[0]),
            "before": "yes" if rng.random() < 0.35 else "no",
        }

    def _answers(
        self, person: dict[str, Any], attitude: float, *, complete: bool
    ) -> dict[str, Any]:
        rng, q = self.rng, self.participant.questions
        answers: dict[str, Any] = {q[name].key: value for name, value in person.items()}
        if not complete and rng.random() < 0.5:
            return answers  # stopped after the first page
        for key, _, level in ITEMS:
            answers[q[key].key] = _point(rng, level + attitude)
        if not complete:
            return answers
        chosen = [_value(a) for a in APPROACHES if rng.random() < 0.45]
        if chosen:
            answers[q["approaches"].key] = chosen
        if person["before"] == "yes":
            answers[q["which_before"].key] = rng.choice(BEFORE)
        if rng.random() < 0.15:
            answers[q["comments"].key] = rng.choice(COMMENTS)
        return answers

    def _llme_year(self, year: int) -> None:
        rng, q = self.rng, self.llme.questions
        series = SurveySeries.objects.create(
            academic_year=year, group=SeriesGroup.LLMES, secret=f"{rng.getrandbits(256):064x}"
        )
        survey = self._survey(
            series,
            Audience.LLME,
            self.llme.version,
            dt.date(year + 1, 6, 10),
            dt.date(year + 1, 7, 19),
            False,
            "LLME survey",
        )
        leads = Activity.leads.through.objects.filter(activity__academic_year=year).order_by("pk")
        responses, completions = [], []
        for activity_id, person_id in leads.values_list("activity_id", "person_id"):
            if rng.random() >= 0.8:
                continue
            day = self._day(survey)
            moment = dt.datetime.combine(
                day, dt.time(rng.randint(7, 21), rng.randint(0, 59)), tzinfo=LONDON
            )
            answers = {
                q["as_planned"].key: _point(rng, 4.0),
                q["engaged"].key: _point(rng, 3.9),
                q["sessions"].key: rng.randint(3, 8),
                q["support"].key: rng.choices(["yes", "partly", "no"], weights=(70, 25, 5))[0],
            }
            hard = [_value(c) for c in LLME_CHALLENGES if rng.random() < 0.25]
            if hard:
                answers[q["challenges"].key] = hard
            responses.append(
                IdentifiedResponse(
                    survey=survey,
                    activity_id=activity_id,
                    person_id=person_id,
                    answers=answers,
                    submitted=True,
                    updated_at=moment,
                    submitted_at=moment,
                )
            )
            completions.append(
                SurveyCompletion(
                    survey=survey, activity_id=activity_id, person_id=person_id, submitted_on=day
                )
            )
        IdentifiedResponse.objects.bulk_create(responses, batch_size=BATCH)
        SurveyCompletion.objects.bulk_create(completions, batch_size=BATCH)
        self.counts["identified_responses"] += len(responses)
        self.counts["completions"] += len(completions)


def build_survey_demo(*, rng: random.Random, years: list[int]) -> dict[str, int]:
    """Make the demo's survey templates, surveys and answers (see the module docstring);
    returns how many of each were made."""
    by = (
        RoleAssignment.objects.filter(role=Role.NATIONAL_TEAM)
        .order_by("pk")
        .values_list("person_id", flat=True)
        .first()
    )
    published = dt.datetime(min(years), 9, 1, 9, 0, tzinfo=LONDON)
    with transaction.atomic():
        maker = _SurveyMaker(
            rng, _participant_template(by, published), _llme_template(by, published), by
        )
        for year in sorted(years):
            maker.year(year)
    return {"survey_templates": 2, **maker.counts}
