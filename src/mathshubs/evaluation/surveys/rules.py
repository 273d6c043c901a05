"""The surveys' rules (ISSUE 10, part 2) and who may do what.

- Only the **national team** builds templates and runs surveys (DOMAIN.md: "The NCETM
  collects and analyses national evaluation data through national surveys").
- A survey is **open** from 00:00 on its open date to 23:59 on its close date, London time.
- A **participant survey** (autumn, summer) is for the people taking part (not withdrawn)
  in each activity it covers: every activity of its year, or those of its NCP. The **LLME
  survey** is for the activities' leads ("At the end ... complete LLME survey").
- A question with a condition is shown only when the answer to its earlier question
  matches; answers to questions not shown are not kept.
- An answer must be one that is offered, a whole number within the question's bounds,
  or text of at most TEXT_MAX characters; a required question shown must be answered
  before the survey is submitted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import Truncator

from mathshubs.bounds import MAX_INT
from mathshubs.dates import LONDON, end_of_day
from mathshubs.directory.rules import is_national
from mathshubs.evaluation.surveys.models import (
    ConditionOperator,
    QuestionKind,
    Survey,
    SurveyQuestion,
)

can_build_surveys = is_national

TEXT_MAX = 5000
REQUIRED_CHOICE = "Select an answer to “{question}”"
REQUIRED_MULTIPLE = "Select at least one answer to “{question}”"
REQUIRED_NUMBER = "Enter a number for “{question}”"
REQUIRED_TEXT = "Enter your answer to “{question}”"
NOT_OFFERED = "Select one of the answers offered for “{question}”"
NOT_A_NUMBER = "“{question}” must be a whole number, like 12"
NUMBER_TOO_SMALL = "“{question}” must be {min} or more"
NUMBER_TOO_BIG = "“{question}” must be {max} or fewer"
TEXT_TOO_LONG = "“{question}” must be 5,000 characters or fewer"


def survey_opens_at(survey: Survey) -> dt.datetime:
    return dt.datetime.combine(survey.opens_on, dt.time(0, 0), tzinfo=LONDON)


def survey_closes_at(survey: Survey) -> dt.datetime:
    return end_of_day(survey.closes_on)


def survey_is_open(survey: Survey, now: dt.datetime) -> bool:
    """Answers are taken from 00:00 on the open date to 23:59 on the close date (London)."""
    return survey_opens_at(survey) <= now <= survey_closes_at(survey)


def survey_state(survey: Survey, now: dt.datetime) -> str:
    """ "upcoming", "open" or "closed"."""
    if now < survey_opens_at(survey):
        return "upcoming"
    return "open" if now <= survey_closes_at(survey) else "closed"


def day_text(day: dt.date) -> str:
    """Friday 20 October 2023."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _short(question: SurveyQuestion) -> str:
    return Truncator(question.text).chars(90)


def _fail(message: str, question: SurveyQuestion, **more: Any) -> ValidationError:
    return ValidationError(message.format(question=_short(question), **more), code="invalid")


def _offered(question: SurveyQuestion) -> dict[str, Any]:
    return {str(option["value"]): option["value"] for option in question.options}


def _blank(raw: Any) -> bool:
    return raw is None or raw == "" or raw == [] or (isinstance(raw, str) and not raw.strip())


def answer_value(question: SurveyQuestion, raw: Any) -> Any:
    """The value to keep for what was given (a form's text, or the API's JSON), or None
    for no answer; ValidationError when it is not an answer this question takes. Whether
    a blank is allowed is `answer_missing`'s question (a draft may leave questions out)."""
    if _blank(raw):
        return None
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        offered = _offered(question)
        if isinstance(raw, (list, dict, bool)) or str(raw).strip() not in offered:
            raise _fail(NOT_OFFERED, question)
        value = offered[str(raw).strip()]
        return int(value) if kind == QuestionKind.LIKERT else str(value)
    if kind == QuestionKind.MULTIPLE:
        offered = _offered(question)
        chosen = raw if isinstance(raw, list) else [raw]
        if any(isinstance(c, (list, dict, bool)) or str(c) not in offered for c in chosen):
            raise _fail(NOT_OFFERED, question)
        wanted = {str(c) for c in chosen}
        return [str(option["value"]) for option in question.options if option["value"] in wanted]
    if kind == QuestionKind.NUMBER:
        return _number(question, raw)
    if isinstance(raw, (list, dict, bool)):
        raise _fail(REQUIRED_TEXT, question)
    text = str(raw).strip()
    if len(text) > TEXT_MAX:
        raise _fail(TEXT_TOO_LONG, question)
    return text


def _number(question: SurveyQuestion, raw: Any) -> int:
    if isinstance(raw, (bool, list, dict, float)):
        raise _fail(NOT_A_NUMBER, question)
    text = str(raw).strip().replace(",", "")
    digits = text[1:] if text[:1] == "-" else text
    if not (digits.isascii() and digits.isdigit()):
        raise _fail(NOT_A_NUMBER, question)
    # Past 30 digits it is out of any bound; int() of thousands of digits would refuse.
    number = int(text) if len(digits) <= 30 else (-1 if text[0] == "-" else 1) * 10**30
    low = question.min_value if question.min_value is not None else -MAX_INT
    high = question.max_value if question.max_value is not None else MAX_INT
    if number < low:
        raise _fail(NUMBER_TOO_SMALL, question, min=f"{low:,}")
    if number > high:
        raise _fail(NUMBER_TOO_BIG, question, max=f"{high:,}")
    return number


def answer_missing(question: SurveyQuestion) -> ValidationError:
    """The error for a required question left without an answer."""
    messages: dict[str, str] = {
        QuestionKind.SINGLE: REQUIRED_CHOICE,
        QuestionKind.LIKERT: REQUIRED_CHOICE,
        QuestionKind.MULTIPLE: REQUIRED_MULTIPLE,
        QuestionKind.NUMBER: REQUIRED_NUMBER,
    }
    message = messages.get(question.kind, REQUIRED_TEXT)
    return _fail(message, question)


def condition_matches(operator: str, answer: Any, value: str) -> bool:
    """`equals`: the answer is the value (a choice, a Likert point, a number); `contains`:
    the value is one of the answers chosen (multiple choice)."""
    if answer is None:
        return False
    if operator == ConditionOperator.CONTAINS:
        return isinstance(answer, list) and value in [str(a) for a in answer]
    return str(answer) == str(value)


def question_is_shown(question: SurveyQuestion, answers: dict[str, Any]) -> bool:
    """Shown unless it has a condition that the answers given so far do not meet."""
    if question.condition_question_id is None:
        return True
    answer = answers.get(f"q{question.condition_question_id}")
    return condition_matches(question.condition_operator, answer, question.condition_value)
