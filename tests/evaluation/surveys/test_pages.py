"""The answering pages: Your surveys, the start page, a section a page with Save and
continue or Save and come back later, errors in a GOV.UK summary with what was typed
kept, the check page that submits, and the answers read only afterwards."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from mathshubs.evaluation.surveys.models import PseudonymousResponse, SurveyCompletion
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _during():
    with time_machine.travel(sf.DURING, tick=False):
        yield


def _urls(survey, activity, q):
    args = [survey.pk, activity.pk]
    return {
        "start": reverse("evaluation:survey_start", args=args),
        "about": reverse("evaluation:survey_section", args=[*args, q.about.pk]),
        "confidence": reverse("evaluation:survey_section", args=[*args, q.confidence.pk]),
        "more": reverse("evaluation:survey_section", args=[*args, q.more.pk]),
        "check": reverse("evaluation:survey_check", args=args),
    }


@pytest.fixture
def urls(cast, autumn, q):
    return _urls(autumn, cast.activity, q)


def test_your_surveys_lists_the_survey_to_complete_with_a_link(cast, autumn, urls):
    html = client_for(cast.pat).get("/surveys/").content.decode()
    table = html.split('id="surveys-to-do"', 1)[1]
    assert f'href="{urls["start"]}"' in table and "Not started" in table
    assert cast.activity.title in table


def test_someone_with_no_survey_is_told_so(cast, autumn):
    html = client_for(cast.sam).get("/surveys/").content.decode()
    assert 'id="no-surveys-to-do"' in html


def test_the_start_page_says_the_answers_are_pseudonymous_and_starts_at_the_first_section(
    cast, urls
):
    html = client_for(cast.pat).get(urls["start"]).content.decode()
    assert "Your answers are pseudonymous" in html
    assert "Answer by Friday 20 October 2023 at 23:59" in html
    assert f'href="{urls["about"]}"' in html and "Start now" in html


def test_save_and_continue_goes_to_the_next_section(cast, urls, q):
    client = client_for(cast.pat)
    answer = client.post(
        urls["about"], {q.role.key: "class-teacher", q.years.key: "12", "action": "continue"}
    )
    assert answer.status_code == 302 and answer["Location"] == urls["confidence"]
    assert PseudonymousResponse.objects.get().answers == {
        q.role.key: "class-teacher",
        q.years.key: 12,
    }


def test_errors_are_summarised_linked_to_their_question_and_what_was_typed_is_kept(cast, urls, q):
    client = client_for(cast.pat)
    page = client.post(urls["about"], {q.role.key: "", q.years.key: "99", "action": "continue"})
    assert page.status_code == 400
    html = page.content.decode()
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert (
        f'href="#{q.role.key}"' in summary and "Select an answer to “What is your role?”" in summary
    )
    assert f'href="#{q.years.key}"' in summary
    assert "“How many years have you taught?” must be 50 or fewer" in summary
    assert (
        f'name="{q.years.key}" type="text" inputmode="numeric" spellcheck="false" value="99"'
        in html
    )
    assert "<title>Error: " in html
    assert not PseudonymousResponse.objects.exists()


def test_save_and_come_back_later_keeps_the_answers_and_continue_resumes_there(cast, urls, q):
    client = client_for(cast.pat)
    later = client.post(urls["about"], {q.years.key: "4", "action": "later"})
    assert later["Location"] == urls["start"]
    # Another device: the answers are in the database.
    other_device = client_for(cast.pat)
    start = other_device.get(urls["start"]).content.decode()
    assert "Your answers have been saved" not in start  # the message went to the first device
    assert f'href="{urls["about"]}"' in start and "Continue" in start
    page = other_device.get(urls["about"]).content.decode()
    assert 'value="4"' in page


def test_the_conditional_question_appears_only_after_the_matching_answer(cast, urls, q):
    client = client_for(cast.pat)
    client.post(
        urls["about"], {q.role.key: "class-teacher", q.years.key: "3", "action": "continue"}
    )
    assert q.other_role.text not in client.get(urls["more"]).content.decode()
    client.post(urls["about"], {q.role.key: "other", q.years.key: "3", "action": "continue"})
    assert q.other_role.text in client.get(urls["more"]).content.decode()


def test_the_check_page_submits_once_and_the_answers_are_then_read_only(cast, urls, q):
    client = client_for(cast.pat)
    for section, given in sf.full_answers(q).items():
        client.post(_urls_for(urls, q, section), {**given, "action": "continue"})
    check = client.get(urls["check"]).content.decode()
    assert "Class teacher" in check and "Agree" in check and "Bar models" in check
    submitted = client.post(urls["check"])
    assert submitted["Location"] == urls["start"]
    start = client.get(urls["start"]).content.decode()
    assert "You submitted this survey on Monday 9 October 2023" in start
    assert "Class teacher" in start and 'id="survey-go"' not in start
    # A second submission and a late change are refused: back to the read-only page.
    assert client.post(urls["check"])["Location"] == urls["start"]
    again = client.post(
        urls["about"], {q.role.key: "other", q.years.key: "1", "action": "continue"}
    )
    assert again["Location"] == urls["start"]
    assert SurveyCompletion.objects.count() == 1
    assert PseudonymousResponse.objects.get().answers[q.role.key] == "class-teacher"


def _urls_for(urls, q, section):
    return {q.about: urls["about"], q.confidence: urls["confidence"], q.more: urls["more"]}[section]


def test_submitting_with_a_section_unanswered_links_to_that_section(cast, urls, q):
    client = client_for(cast.pat)
    page = client.post(urls["check"])
    assert page.status_code == 400
    html = page.content.decode()
    assert f'href="{urls["about"]}"' in html.split('class="govuk-error-summary"', 1)[1]
    assert "Answer the required questions in “About you”" in html


def test_before_it_opens_and_after_it_closes_the_pages_refuse_answers(cast, urls, q):
    posted = {q.role.key: "other", q.years.key: "1", "action": "continue"}
    with time_machine.travel(sf.BEFORE, tick=False):
        client = client_for(cast.pat)
        assert (
            "This survey opens on Monday 2 October 2023"
            in client.get(urls["start"]).content.decode()
        )
        assert client.post(urls["about"], posted)["Location"] == urls["start"]
    with time_machine.travel(sf.AFTER, tick=False):
        client = client_for(cast.pat)
        assert (
            "This survey closed on Friday 20 October 2023"
            in client.get(urls["start"]).content.decode()
        )
        assert client.post(urls["about"], posted)["Location"] == urls["start"]
        assert client.post(urls["check"])["Location"] == urls["start"]
    assert not PseudonymousResponse.objects.exists() and not SurveyCompletion.objects.exists()


def test_another_participants_survey_pages_are_404(cast, urls, q):
    client = client_for(cast.sam)
    for url in urls.values():
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "continue"}).status_code == 404
    assert not PseudonymousResponse.objects.exists()


def test_a_section_of_another_version_is_404(cast, autumn):
    other = sf.questionnaire()
    url = reverse("evaluation:survey_section", args=[autumn.pk, cast.activity.pk, other.about.pk])
    assert client_for(cast.pat).get(url).status_code == 404


def test_the_answering_page_takes_a_fixed_number_of_queries(
    cast, urls, q, django_assert_max_num_queries
):
    client = client_for(cast.pat)
    client.post(urls["about"], {q.role.key: "other", q.years.key: "3", "action": "continue"})
    # 3 for the session, the user and the person; 3 for the navigation; 6 for the page.
    with django_assert_max_num_queries(12):
        assert client.get(urls["more"]).status_code == 200


def test_your_surveys_takes_a_fixed_number_of_queries_however_many_surveys(
    cast, q, django_assert_max_num_queries
):
    for n in range(6):
        activity = f.ActivityFactory(hub=cast.north, title=f"Community {n}")
        f.ParticipationFactory(activity=activity, person=cast.pat.person)
    sf.SurveyFactory(version=q.version)
    sf.SurveyFactory(
        version=q.version,
        pseudonymous=False,
        series=sf.SurveySeriesFactory(ncp=cast.mastery_readiness),
    )
    client = client_for(cast.pat)
    # 3 for the session, the user and the person; 3 for the navigation; 5 for the list.
    with django_assert_max_num_queries(11):
        html = client.get("/surveys/").content.decode()
    assert html.count("Community ") >= 6


def test_the_home_page_block_lists_the_surveys_to_complete(cast, autumn, urls):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = cast.pat
    html = Template('{% include "evaluation/surveys/_home_block.html" %}').render(
        Context({"user": cast.pat, "request": request})
    )
    assert "Your surveys" in html and f'href="{urls["start"]}"' in html
    nobody = Template('{% include "evaluation/surveys/_home_block.html" %}').render(
        Context({"user": cast.sam})
    )
    assert "Your surveys" not in nobody
