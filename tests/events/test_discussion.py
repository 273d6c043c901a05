"""The services behind the Documents and Comments tabs, and the record of a Connect click."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import EventComment, EventDocument
from mathshubs.events.services import discussion
from tests import factories as f

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _file(content=b"agenda", name="agenda.pdf"):
    return SimpleUploadedFile(name, content)


def test_document_upload_stores_the_file_for_the_event(cast, tmp_path):
    event = f.EventFactory(activity=cast.activity)
    document = discussion.document_upload(event=event, by=cast.leo, title=" Agenda ", file=_file())
    assert document.title == "Agenda" and document.size == 6
    assert document.uploaded_by == cast.leo.person
    assert document.file.name.startswith(f"events/{event.pk}/")
    assert (tmp_path / document.file.name).read_bytes() == b"agenda"


@pytest.mark.parametrize("who", ["pat", "sam", "simon"])
def test_document_upload_is_for_organisers_only(cast, who):
    event = f.EventFactory(activity=cast.activity)
    with pytest.raises(PermissionDenied, match="organisers"):
        discussion.document_upload(event=event, by=getattr(cast, who), title="X", file=_file())
    assert not EventDocument.objects.exists()


def test_document_upload_refuses_a_file_over_20_mb(cast):
    event = f.EventFactory(activity=cast.activity)
    big = _file()
    big.size = discussion.DOCUMENT_MAX_BYTES + 1
    with pytest.raises(ValidationError) as refused:
        discussion.document_upload(event=event, by=cast.harriet, title="Big", file=big)
    assert refused.value.message_dict == {"file": [discussion.FILE_TOO_BIG]}
    assert not EventDocument.objects.exists()


def test_document_upload_refuses_an_empty_file_and_a_blank_title(cast):
    event = f.EventFactory(activity=cast.activity)
    with pytest.raises(ValidationError) as refused:
        discussion.document_upload(event=event, by=cast.leo, title=" ", file=_file(b""))
    assert refused.value.message_dict == {
        "title": [discussion.TITLE_MISSING],
        "file": [discussion.FILE_EMPTY],
    }


def test_document_delete_removes_the_row_and_the_file(
    cast, tmp_path, django_capture_on_commit_callbacks
):
    event = f.EventFactory(activity=cast.activity)
    document = discussion.document_upload(event=event, by=cast.leo, title="A", file=_file())
    path = tmp_path / document.file.name
    with pytest.raises(PermissionDenied):
        discussion.document_delete(document=document, by=cast.pat)
    with django_capture_on_commit_callbacks(execute=True):
        discussion.document_delete(document=document, by=cast.leo)
    assert not EventDocument.objects.exists()
    assert not path.exists()


def test_comment_add_is_for_confirmed_attendees_and_organisers(cast):
    event = f.EventFactory(activity=cast.activity)
    with pytest.raises(PermissionDenied):
        discussion.comment_add(event=event, by=cast.pat, body="Hello")
    with pytest.raises(PermissionDenied):
        discussion.comment_add(event=event, by=cast.sam, body="Hello")
    services.registration_confirm(event=event, person=cast.pat.person, now=NOW)
    comment = discussion.comment_add(event=event, by=cast.pat, body="  Hello  ")
    assert (comment.author, comment.body) == (cast.pat.person, "Hello")
    discussion.comment_add(event=event, by=cast.leo, body="Welcome")
    assert [c.body for c in EventComment.objects.all()] == ["Hello", "Welcome"]


def test_comment_add_refuses_an_empty_or_overlong_comment(cast):
    event = f.EventFactory(activity=cast.activity)
    with pytest.raises(ValidationError) as empty:
        discussion.comment_add(event=event, by=cast.leo, body="  ")
    assert empty.value.message_dict == {"body": [discussion.COMMENT_EMPTY]}
    with pytest.raises(ValidationError) as long:
        discussion.comment_add(event=event, by=cast.leo, body="x" * 5001)
    assert long.value.message_dict == {"body": [discussion.COMMENT_TOO_LONG]}


def test_registration_link_click_records_the_latest_click(cast):
    event = f.EventFactory(activity=cast.activity)
    registration = services.registration_confirm(event=event, person=cast.pat.person, now=NOW)
    later = NOW + dt.timedelta(days=35)
    discussion.registration_link_click(registration=registration, now=NOW)
    discussion.registration_link_click(registration=registration, now=later)
    registration.refresh_from_db()
    assert registration.link_clicked_at == later
