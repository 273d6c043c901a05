"""Answering: saved a section at a time, checked (required, bounds, offered answers),
conditional questions, submitted once, only while the survey is open."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import ValidationError

from mathshubs.evaluation.surveys import rules, services
from mathshubs.evaluation.surveys.models import (
    IdentifiedResponse,
    PseudonymousResponse,
    SurveyCompletion,
)
from mathshubs.evaluation.surveys.services import answering as ans
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _save(cast, survey, section, given, *, finished=True, now=sf.DURING, who=None):
    return services.answers_save(
        survey=survey,
        activity=cast.activity,
        person=(who or cast.pat).person,
        section=section,
        given=given,
        finished=finished,
        now=now,
    )


def _submit(cast, survey, now=sf.DURING, who=None):
    return services.response_submit(
        survey=survey, activity=cast.activity, person=(who or cast.pat).person, now=now
    )


def _answer_all(cast, survey, q, now=sf.DURING):
    for section, given in sf.full_answers(q).items():
        _save(cast, survey, section, given, now=now)


def test_answers_are_kept_as_values_a_section_at_a_time(cast, autumn, q):
    _save(cast, autumn, q.about, {q.role.key: "class-teacher", q.years.key: " 12 "})
    response = _save(
        cast,
        autumn,
        q.confidence,
        {q.confident.key: "4", q.tried.key: ["number-lines", "bar-models"]},
    )
    assert response.answers == {
        q.role.key: "class-teacher",
        q.years.key: 12,
        q.confident.key: 4,
        q.tried.key: ["bar-models", "number-lines"],
    }
    assert PseudonymousResponse.objects.count() == 1 and not response.submitted


@pytest.mark.parametrize(
    ("given", "key", "message"),
    [
        ({"role": "", "years": "3"}, "role", rules.REQUIRED_CHOICE),
        ({"role": "head-teacher", "years": "3"}, "role", rules.NOT_OFFERED),
        ({"role": "other", "years": ""}, "years", rules.REQUIRED_NUMBER),
        ({"role": "other", "years": "three"}, "years", rules.NOT_A_NUMBER),
        ({"role": "other", "years": "2.5"}, "years", rules.NOT_A_NUMBER),
        ({"role": "other", "years": "51"}, "years", rules.NUMBER_TOO_BIG),
        ({"role": "other", "years": "-1"}, "years", rules.NUMBER_TOO_SMALL),
        ({"role": "other", "years": "9" * 40}, "years", rules.NUMBER_TOO_BIG),
    ],
)
def test_an_answer_that_is_missing_out_of_bounds_or_not_offered_is_refused(
    cast, autumn, q, given, key, message
):
    question = {"role": q.role, "years": q.years}[key]
    with pytest.raises(ValidationError) as error:
        _save(cast, autumn, q.about, {q.role.key: given["role"], q.years.key: given["years"]})
    expected = message.format(question=question.text, min="0", max="50")
    assert error.value.message_dict == {question.key: [expected]}
    assert not PseudonymousResponse.objects.exclude(answers={}).exists()


def test_save_and_come_back_later_keeps_a_part_answered_section(cast, autumn, q):
    response = _save(cast, autumn, q.about, {q.years.key: "7"}, finished=False)
    assert response.answers == {q.years.key: 7}
    with pytest.raises(ValidationError):  # what is given is still checked
        _save(cast, autumn, q.about, {q.years.key: "70"}, finished=False)


def test_a_multiple_choice_answer_must_be_among_those_offered(cast, autumn, q):
    with pytest.raises(ValidationError) as error:
        _save(cast, autumn, q.confidence, {q.confident.key: "3", q.tried.key: ["bar-models", "x"]})
    assert q.tried.key in error.value.message_dict
    with pytest.raises(ValidationError):
        _save(cast, autumn, q.confidence, {q.confident.key: "6"})


def test_a_conditional_question_is_asked_only_when_the_earlier_answer_matches(cast, autumn, q):
    _save(cast, autumn, q.about, {q.role.key: "class-teacher", q.years.key: "3"})
    # Not shown: its answer is not kept and it is not required.
    response = _save(cast, autumn, q.more, {q.other_role.key: "Governor", q.comments.key: ""})
    assert q.other_role.key not in response.answers
    _save(cast, autumn, q.about, {q.role.key: "other", q.years.key: "3"})
    with pytest.raises(ValidationError) as error:
        _save(cast, autumn, q.more, {q.comments.key: ""})
    assert error.value.message_dict == {
        q.other_role.key: [rules.REQUIRED_TEXT.format(question=q.other_role.text)]
    }


def test_answers_to_a_question_no_longer_shown_are_dropped_on_submission(cast, autumn, q):
    _save(cast, autumn, q.about, {q.role.key: "other", q.years.key: "3"})
    _save(cast, autumn, q.confidence, {q.confident.key: "2"})
    _save(cast, autumn, q.more, {q.other_role.key: "Governor"})
    _save(cast, autumn, q.about, {q.role.key: "maths-lead", q.years.key: "3"})
    _submit(cast, autumn)
    answers = PseudonymousResponse.objects.get().answers
    assert q.other_role.key not in answers and answers[q.role.key] == "maths-lead"


def test_a_survey_with_a_required_question_unanswered_cannot_be_submitted(cast, autumn, q):
    _save(cast, autumn, q.about, {q.role.key: "class-teacher", q.years.key: "3"})
    with pytest.raises(ValidationError) as error:
        _submit(cast, autumn)
    assert error.value.message_dict == {
        f"section-{q.confidence.pk}": [ans.SECTION_INCOMPLETE.format(section="Your confidence")]
    }
    assert not SurveyCompletion.objects.exists()


def test_submitting_records_the_completion_with_its_date_and_marks_the_answers(cast, autumn, q):
    _answer_all(cast, autumn, q)
    completion = _submit(cast, autumn)
    assert (completion.person, completion.activity, completion.survey) == (
        cast.pat.person,
        cast.activity,
        autumn,
    )
    assert completion.submitted_on == sf.DURING.date()
    assert PseudonymousResponse.objects.get().submitted


def test_a_survey_is_submitted_once_and_its_answers_then_never_change(cast, autumn, q):
    _answer_all(cast, autumn, q)
    _submit(cast, autumn)
    expected = ans.ALREADY_SUBMITTED.format(day="Monday 9 October 2023")
    with pytest.raises(ValidationError) as error:
        _submit(cast, autumn)
    assert error.value.messages == [expected]
    with pytest.raises(ValidationError) as error:
        _save(cast, autumn, q.about, {q.role.key: "other", q.years.key: "1"})
    assert error.value.messages == [expected]
    assert SurveyCompletion.objects.count() == 1
    assert PseudonymousResponse.objects.get().answers[q.role.key] == "class-teacher"


def test_a_response_marked_submitted_without_its_completion_still_refuses_a_second(cast, autumn, q):
    # The conditional UPDATE is the guard, whatever the completion table says.
    _answer_all(cast, autumn, q)
    _submit(cast, autumn)
    SurveyCompletion.objects.all().delete()
    with pytest.raises(ValidationError, match="A survey is submitted once"):
        _submit(cast, autumn)


@pytest.mark.parametrize(
    ("now", "message"),
    [
        (sf.BEFORE, ans.NOT_OPEN_YET.format(day="Monday 2 October 2023")),
        (sf.AFTER, ans.CLOSED.format(day="Friday 20 October 2023")),
    ],
)
def test_nobody_answers_or_submits_before_it_opens_or_after_it_closes(
    cast, autumn, q, now, message
):
    with pytest.raises(ValidationError) as error:
        _save(cast, autumn, q.about, {q.role.key: "other", q.years.key: "1"}, now=now)
    assert error.value.messages == [message]
    with pytest.raises(ValidationError) as error:
        _submit(cast, autumn, now=now)
    assert error.value.messages == [message]
    assert not PseudonymousResponse.objects.exists()


def test_the_survey_is_open_from_midnight_on_its_first_day_to_2359_on_its_last(autumn):
    import datetime as dt

    from mathshubs.dates import LONDON

    assert rules.survey_is_open(autumn, dt.datetime(2023, 10, 2, 0, 0, tzinfo=LONDON))
    assert rules.survey_is_open(autumn, dt.datetime(2023, 10, 20, 23, 59, 59, tzinfo=LONDON))
    assert not rules.survey_is_open(autumn, dt.datetime(2023, 10, 21, 0, 0, tzinfo=LONDON))
    assert not rules.survey_is_open(autumn, dt.datetime(2023, 10, 1, 23, 59, tzinfo=LONDON))


def test_an_identified_response_names_its_person_and_keeps_the_submission_time(cast, identified, q):
    _answer_all(cast, identified, q)
    _submit(cast, identified)
    response = IdentifiedResponse.objects.get()
    assert response.person == cast.pat.person and response.submitted_at == sf.DURING
    assert not PseudonymousResponse.objects.exists()


def test_a_section_of_another_version_is_refused(cast, autumn, q):
    other = sf.questionnaire()
    with pytest.raises(ValidationError, match=ans.NOT_THIS_SURVEY):
        _save(cast, autumn, other.about, {})


def test_answers_are_found_again_with_the_clock_frozen_on_another_day(cast, autumn, q):
    with time_machine.travel(sf.DURING, tick=False):
        _save(cast, autumn, q.about, {q.years.key: "5"}, finished=False, now=sf.DURING)
    later = sf.DURING.replace(day=19)
    response = _save(cast, autumn, q.confidence, {q.confident.key: "5"}, now=later)
    assert response.answers == {q.years.key: 5, q.confident.key: 5}
    assert PseudonymousResponse.objects.count() == 1
