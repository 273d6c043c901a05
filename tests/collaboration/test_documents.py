"""A space's documents (ISSUE 13, part 3): every version kept, any downloaded, one
restored as a new version; text written here with its revisions compared; type and size
checked; downloads for members only; a public link only a manager makes, revocable."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import Document, DocumentVersion, SpaceKind
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def space(cast):
    return next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)


def _csv(text: str, name: str = "plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_two_versions_uploaded_and_the_first_restored(cast, space):
    leo = client_for(cast.leo)
    answer = leo.post(
        f"/spaces/{space.pk}/documents/", {"title": "Session plan", "file": _csv("week,one\n")}
    )
    assert answer.status_code == 302
    document = Document.objects.get()
    base = f"/spaces/{space.pk}/documents/{document.pk}"
    pat = client_for(cast.pat)
    assert pat.post(f"{base}/versions/", {"file": _csv("week,two\n")}).status_code == 302
    page = leo.get(f"{base}/").content.decode()
    assert "Version 2" in page and "Pat Participant" in page
    assert _body(leo.get(f"{base}/versions/1/")) == b"week,one\n"
    assert _body(leo.get(f"{base}/versions/2/")) == b"week,two\n"

    leo.post(f"{base}/restore/", {"version": "1"})
    latest = document.versions.first()
    assert (latest.number, latest.restored_from) == (3, 1)
    assert _body(leo.get(f"{base}/versions/3/")) == b"week,one\n"
    assert DocumentVersion.objects.count() == 3  # nothing lost


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "must be a PDF, Word"),
        (SimpleUploadedFile("fake.pdf", b"not a pdf"), "do not match its name (.pdf)"),
        (SimpleUploadedFile("empty.csv", b""), "is empty"),
    ],
)
def test_a_wrong_file_is_refused_naming_what_is_wrong(cast, space, upload, message):
    leo = client_for(cast.leo)
    answer = leo.post(f"/spaces/{space.pk}/documents/", {"title": "X", "file": upload}, follow=True)
    assert message in answer.content.decode()
    assert not Document.objects.exists()


def test_a_document_written_here_keeps_its_revisions_and_shows_the_words_changed(cast, space):
    leo = client_for(cast.leo)
    leo.post(
        f"/spaces/{space.pk}/documents/write/",
        {"title": "Shared notes", "text": "We met on Tuesday and planned the bar model task."},
    )
    document = Document.objects.get()
    base = f"/spaces/{space.pk}/documents/{document.pk}"
    client_for(cast.pat).post(
        f"{base}/edit/", {"text": "We met on Thursday and planned the bar model task."}
    )
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    page = leo.get(f"{base}/?from=1&to=2").content.decode()
    diff = re.sub(r"\s+", " ", page.split('id="diff-text">')[1].split("</p>")[0])
    assert '<del class="mh-removed">Tuesday</del>' in diff
    assert '<ins class="mh-added">Thursday</ins>' in diff
    empty = leo.post(f"{base}/edit/", {"text": "  "})
    assert empty.status_code == 400 and "Write the document&#x27;s text" in empty.content.decode()


def test_downloads_are_for_members_and_a_public_link_for_managers_to_make(cast, space):
    leo = client_for(cast.leo)
    leo.post(f"/spaces/{space.pk}/documents/", {"title": "Plan", "file": _csv("a,b\n")})
    document = Document.objects.get()
    base = f"/spaces/{space.pk}/documents/{document.pk}"
    for outsider in (cast.sam, cast.harriet, cast.simon):
        client = client_for(outsider)
        assert client.get(f"{base}/").status_code == 404
        assert client.get(f"{base}/versions/1/").status_code == 404
        assert client.post(f"{base}/versions/", {"file": _csv("x\n")}).status_code == 404
    # Pat is a member but not a manager: no public link.
    assert client_for(cast.pat).post(f"{base}/public/", {"public": "on"}).status_code == 403
    leo.post(f"{base}/public/", {"public": "on"})
    document.refresh_from_db()
    assert document.public_token
    anyone = client_for(None)
    assert _body(anyone.get(f"/d/{document.public_token}/")) == b"a,b\n"
    token = document.public_token
    leo.post(f"{base}/public/", {"public": "off"})
    assert anyone.get(f"/d/{token}/").status_code == 404
