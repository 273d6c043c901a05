"""Download your data (ISSUE 14, part 2): the person's ZIP, from the page and the API, for
themselves and made by staff for a request, with one query per kind whatever the rows."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from mathshubs.collaboration import services as spaces
from mathshubs.privacy.export import (
    PSEUDONYMOUS_NOT_SHOWN,
    REQUIREMENTS_NOT_SHOWN,
    export_files,
    export_zip,
)
from mathshubs.privacy.selectors import EXPORT_NOT_ALLOWED
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _json(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(name))


def test_your_data_page_says_what_is_held_and_offers_the_download(zeb):
    response = zeb.client.get(reverse("privacy:mine"))
    assert response.status_code == 200
    assert reverse("privacy:mine_download") in response.content.decode()
    assert b"Asking for your data to be erased" in response.content


def test_the_download_holds_every_kind_and_the_files_uploaded(zeb):
    archive = _zip(zeb.client.get(reverse("privacy:mine_download")))
    names = set(archive.namelist())
    assert export_files() <= names
    person = _json(archive, "person.json")
    assert (person["first_name"], person["main_contact_email"]) == ("Zebedee", zeb.person.email)
    assert _json(archive, "account.json")[0]["email"] == zeb.person.email
    assert [r["role"] for r in _json(archive, "roles.json")] == ["Participant"]
    assert _json(archive, "participations.json")[0]["activity"]["title"].startswith("North")
    registration = _json(archive, "registrations.json")[0]
    assert registration["requirements"]["dietary"] == "No nuts for Zebedee"
    assert registration["attended"] is True
    assert _json(archive, "survey_answers.json")[0]["answers"]["q1"] == "yes"
    assert [r["answers"] for r in _json(archive, "survey_answers_pseudonymous.json")] == [
        {"q1": "no"}
    ]
    assert len(_json(archive, "survey_completions.json")) == 1
    assert _json(archive, "threads.json")[0]["title"] == "Zebedee's question"
    assert len(_json(archive, "comments.json")) == 1  # Leo's comment is Leo's
    assert _json(archive, "email_changes.json")[0]["old"] == "zq.formerly@north.example"
    assert _json(archive, "notification_settings.json")[0]["frequency"] == "each"
    assert _json(archive, "mentions.json")[0]["thread"] == "Zebedee's question"
    tokens = _json(archive, "api_tokens.json")
    assert [t["name"] for t in tokens] == ["My spreadsheet"]
    files = [n for n in names if n.startswith("files/")]
    assert len(files) == 3
    assert all(archive.read(n) == b"a,b\n1,2\n" for n in files)


def test_the_download_never_holds_a_secret(zeb):
    archive = _zip(zeb.client.get(reverse("privacy:mine_download")))
    text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".json"))
    zeb.user.refresh_from_db()
    for secret in (
        zeb.user.password,
        zeb.token,
        zeb.token[:10],
        zeb.user.api_tokens.get().token_hash,
        "feed-token-zebedee",
        "tok-zebedee",
    ):
        assert secret not in text


def test_staff_download_it_for_a_request_without_the_requirements(cast, zeb):
    archive = _zip(
        client_for(cast.harriet).get(reverse("privacy:person_download", args=[zeb.person.pk]))
    )
    registration = _json(archive, "registrations.json")[0]
    assert registration["requirements"] == REQUIREMENTS_NOT_SHOWN
    assert _json(archive, "survey_answers_pseudonymous.json") == PSEUDONYMOUS_NOT_SHOWN
    assert "No nuts" not in "".join(
        archive.read(n).decode() for n in archive.namelist() if n.endswith(".json")
    )
    archive = _zip(
        client_for(cast.nadia).get(reverse("privacy:person_download", args=[zeb.person.pk]))
    )
    assert _json(archive, "person.json")["last_name"] == "Quixotic"


def test_the_api_gives_your_own_with_a_token_and_a_persons_to_staff(cast, zeb):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {zeb.token}"}
    archive = _zip(client_for(None).get("/api/v1/me/data", **auth))
    assert _json(archive, "person.json")["id"] == zeb.person.pk
    url = f"/api/v1/people/{zeb.person.pk}/data"
    assert _zip(client_for(cast.harriet).get(url))
    assert _zip(client_for(cast.nadia).get(url))
    assert client_for(None).get("/api/v1/me/data").status_code == 401


@pytest.mark.parametrize("persona", ["simon", "sam", "leo", "pat"])
def test_others_are_refused_a_persons_data(cast, zeb, persona):
    client = client_for(getattr(cast, persona))
    page = client.get(reverse("privacy:person_download", args=[zeb.person.pk]))
    assert page.status_code == 403
    assert client.get(reverse("privacy:person_data", args=[zeb.person.pk])).status_code == 403
    api = client.get(f"/api/v1/people/{zeb.person.pk}/data")
    assert (api.status_code, api.json()["message"]) == (403, EXPORT_NOT_ALLOWED)
    # An id that does not exist answers the same.
    assert client.get("/api/v1/people/999999/data").status_code == 403


def test_the_person_page_links_to_their_data_for_staff_only(cast, zeb):
    url = reverse("directory:person_detail", args=[zeb.person.pk])
    assert b'id="person-data"' in client_for(cast.harriet).get(url).content
    assert b'id="person-data"' not in client_for(cast.leo).get(url).content


def test_the_download_costs_one_query_per_kind_whatever_the_rows(
    cast, zeb, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        export_zip(person=zeb.person, for_self=True)
    thread = zeb.space.threads.get()
    for n in range(6):
        spaces.comment_post(user=zeb.user, thread=thread, text=f"More {n}")
        spaces.thread_post(user=zeb.user, space=zeb.space, title=f"T{n}", text="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        export_zip(person=zeb.person, for_self=True)


def test_your_data_page_gives_the_periods_in_force(zeb, settings):
    settings.RETENTION = {**settings.RETENTION, "requirements": 21, "survey_answers": 730}
    page = zeb.client.get(reverse("privacy:mine")).content.decode()
    assert "erased 21 days after it" in page
    assert "linked to you 2 years after" in page
    assert "sign in for 3 years" in page
