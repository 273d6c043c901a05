"""Erasure on request (ISSUE 14, part 2): the person becomes an anonymous stub; the
figures stay; no column of any table holds their name or email; their files are gone;
they cannot sign in; only the national team may do it, once."""

from __future__ import annotations

import os
from html import escape

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse

from mathshubs.accounts.models import ApiToken, User
from mathshubs.activities.models import Participation
from mathshubs.directory.models import Person
from mathshubs.evaluation.models import IdentifiedResponse, PseudonymousResponse, SurveyCompletion
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import Registration
from mathshubs.privacy.models import Erasure
from mathshubs.privacy.selectors import ERASE_NOT_ALLOWED, ERASE_SELF
from mathshubs.privacy.services import CONFIRMATION_WRONG, erased_email, person_erase
from mathshubs.reporting.counting import ENGLAND, figure_values
from tests.conftest import PASSWORD, client_for
from tests.privacy.conftest import EMAIL, WORDS

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _counts(cast, zeb) -> dict:
    return {
        "figures": figure_values(ENGLAND),
        "participations": Participation.objects.filter(activity=cast.activity).count(),
        "attended": Registration.objects.filter(event=zeb.event, attended=True).count(),
        "confirmed": Registration.objects.filter(event=zeb.event, status="confirmed").count(),
        "completions": SurveyCompletion.objects.filter(activity=cast.activity).count(),
        "identified": IdentifiedResponse.objects.filter(activity=cast.activity).count(),
        "pseudonymous": PseudonymousResponse.objects.filter(activity=cast.activity).count(),
    }


def _where_found(words: list[str]) -> list[str]:
    """Every model, every text column (history tables too): which hold any of the words."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            for word in words:
                if model._default_manager.filter(**{f"{field.attname}__icontains": word}).exists():
                    found.append(f"{model._meta.label}.{field.name} holds {word!r}")
    return found


def test_the_search_finds_the_person_before_erasure(zeb):
    assert len(_where_found(WORDS)) >= 10  # the test's search does look everywhere


def test_erasure_keeps_the_figures_and_the_activitys_counts(cast, zeb):
    before = _counts(cast, zeb)
    person_erase(person=zeb.person, by=cast.nadia.person)
    assert _counts(cast, zeb) == before


def test_no_column_of_any_table_holds_their_name_or_email_afterwards(cast, zeb):
    person_erase(person=zeb.person, by=cast.nadia.person)
    assert _where_found(WORDS) == []
    zeb.person.refresh_from_db()
    assert (zeb.person.full_name, zeb.person.email) == (
        "Erased person",
        erased_email(zeb.person.pk),
    )


def test_their_files_are_gone_and_others_versions_stay(cast, zeb):
    assert all(os.path.exists(path) for path in zeb.files)
    document = zeb.space.documents.get()
    person_erase(person=zeb.person, by=cast.nadia.person)
    assert not any(os.path.exists(path) for path in zeb.files)
    leos = document.versions.get(number=2)
    assert os.path.exists(leos.file.path)
    assert document.versions.get(number=1).file.name == ""


def test_their_posts_words_are_replaced_and_the_thread_stays(cast, zeb):
    thread = zeb.space.threads.get()
    person_erase(person=zeb.person, by=cast.nadia.person)
    thread.refresh_from_db()
    assert thread.title == "Removed"
    assert thread.comments.count() == 2
    assert "Removed" in thread.comments.get(author=zeb.person).body
    assert thread.comments.get(author=cast.leo.person).body.startswith("<p>Welcome @Erased person")


def test_they_cannot_sign_in_and_their_sessions_and_tokens_are_gone(cast, zeb):
    assert zeb.client.get(reverse("privacy:mine")).status_code == 200
    person_erase(person=zeb.person, by=cast.nadia.person)
    user = User.objects.get(pk=zeb.user.pk)
    assert not user.has_usable_password() and not user.is_active
    assert not client_for(None).login(email=EMAIL, password=PASSWORD)
    assert not client_for(None).login(email=user.email, password=PASSWORD)
    assert zeb.client.get(reverse("privacy:mine")).status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()
    api = client_for(None).get("/api/v1/me/data", HTTP_AUTHORIZATION=f"Bearer {zeb.token}")
    assert api.status_code == 401
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk) for s in Session.objects.all()
    )


def test_requirements_are_deleted_and_attendance_kept(cast, zeb):
    person_erase(person=zeb.person, by=cast.nadia.person)
    registration = Registration.objects.get(pk=zeb.registration.pk)
    assert (registration.dietary_requirements, registration.access_requirements) == ("", "")
    assert (registration.attended, registration.minutes_attended) == (True, 85)


def test_erasure_is_idempotent(cast, zeb):
    first = person_erase(person=zeb.person, by=cast.nadia.person)
    again = person_erase(person=zeb.person, by=None)
    assert again.pk == first.pk and Erasure.objects.count() == 1


def test_the_national_team_erase_from_the_page_after_typing_the_name(cast, zeb):
    client = client_for(cast.nadia)
    url = reverse("privacy:person_erase", args=[zeb.person.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"govuk-warning-text" in page.content
    wrong = client.post(url, {"full_name": "Zebedee Q"})
    assert wrong.status_code == 400 and escape(CONFIRMATION_WRONG) in wrong.content.decode()
    assert not Erasure.objects.exists()
    done = client.post(url, {"full_name": " zebedee  QUIXOTIC "})
    assert done.status_code == 302
    assert Erasure.objects.get().by == cast.nadia.person
    follow = client.get(done["Location"])
    assert b'id="erased"' in follow.content


def test_the_api_erases_once_and_answers_the_same_again(cast, zeb):
    client = client_for(cast.nadia)
    url = f"/api/v1/people/{zeb.person.pk}/erase"
    wrong = client.post(url, {"full_name": "Someone"}, content_type="application/json")
    assert (wrong.status_code, wrong.json()["message"]) == (422, CONFIRMATION_WRONG)
    done = client.post(url, {"full_name": "Zebedee Quixotic"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["reason"] == "request"
    again = client.post(url, {}, content_type="application/json")
    assert again.json() == done.json()


@pytest.mark.parametrize("persona", ["harriet", "simon", "leo", "pat", "sam"])
def test_only_the_national_team_erase(cast, zeb, persona):
    client = client_for(getattr(cast, persona))
    url = reverse("privacy:person_erase", args=[zeb.person.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"full_name": "Zebedee Quixotic"}).status_code == 403
    api = client.post(
        f"/api/v1/people/{zeb.person.pk}/erase",
        {"full_name": "Zebedee Quixotic"},
        content_type="application/json",
    )
    assert (api.status_code, api.json()["message"]) == (403, ERASE_NOT_ALLOWED)
    assert not Erasure.objects.exists()


def test_hub_b_staff_llme_and_participant_get_403_on_hub_a_person(cast, zeb):
    for persona in ("simon", "sam", "leo"):
        client = client_for(getattr(cast, persona))
        assert client.get(reverse("privacy:person_data", args=[zeb.person.pk])).status_code == 403
        assert client.get(f"/api/v1/people/{zeb.person.pk}/data").status_code == 403


def test_nobody_erases_themselves(cast):
    api = client_for(cast.nadia).post(
        f"/api/v1/people/{cast.nadia.person.pk}/erase",
        {"full_name": "Nadia National"},
        content_type="application/json",
    )
    assert (api.status_code, api.json()["message"]) == (403, ERASE_SELF)


@pytest.mark.skipif(
    not apps.is_installed("simple_history"), reason="django-simple-history is not installed"
)
def test_their_history_rows_go(cast, zeb):
    tracked = [m for m in apps.get_models() if hasattr(m, "instance_type")]
    of_them = [
        m
        for m in tracked
        if m.instance_type is Person or "person" in {f.name for f in m._meta.get_fields()}
    ]
    assert of_them, "the audit trail tracks no record of a person"
    person_erase(person=zeb.person, by=cast.nadia.person)
    for model in of_them:
        rows = model._default_manager
        if model.instance_type is Person:
            assert [r.email for r in rows.filter(id=zeb.person.pk)] in (
                [],
                [erased_email(zeb.person.pk)],
            )
        else:
            assert not rows.filter(person_id=zeb.person.pk).exists(), model._meta.label


def test_a_name_is_replaced_only_where_it_stands_as_whole_words():
    from mathshubs.privacy.services import _scrub

    text = "Thanks Jo Li, and Jo Lives here; write to jo@x.example!"
    assert _scrub(text, ["jo@x.example", "Jo Li"]) == (
        "Thanks Erased person, and Jo Lives here; write to Erased person!"
    )


def test_their_pseudonymous_answers_stay_but_can_no_longer_be_found_from_them(cast, zeb):
    from mathshubs.privacy.export import pseudonymous_answers
    from tests.evaluation.surveys import factories as sf

    # A series of pseudonymous surveys only: their pseudonym there becomes a random one.
    only = sf.SurveyFactory(series=sf.SurveySeriesFactory(academic_year=2030), title="Only")
    PseudonymousResponse.objects.create(
        survey=only,
        activity=cast.activity,
        pseudonym=pseudonym_of(series_secret=only.series.secret, person_id=zeb.person.pk),
        answers={"q1": "maybe"},
    )
    assert len(pseudonymous_answers(zeb.person, for_self=True)) == 2
    person_erase(person=zeb.person, by=cast.nadia.person)
    assert [a["answers"] for a in pseudonymous_answers(zeb.person, for_self=True)] == [
        {"q1": "no"}  # the mixed series' answer, now the stub's: see the next test
    ]
    assert PseudonymousResponse.objects.filter(answers={"q1": "maybe"}).count() == 1


def test_a_series_with_an_identified_survey_stays_matched_after_erasure(cast, zeb):
    """Results match an identified answer with a pseudonymous one by recomputing the
    pseudonym of the identified answer's person: the stub keeps the id, so the pair holds."""
    named = IdentifiedResponse.objects.get(person=zeb.person)
    person_erase(person=zeb.person, by=cast.nadia.person)
    named.refresh_from_db()
    pair = pseudonym_of(series_secret=named.survey.series.secret, person_id=named.person_id)
    assert PseudonymousResponse.objects.filter(
        survey__series=named.survey.series, pseudonym=pair
    ).exists()
