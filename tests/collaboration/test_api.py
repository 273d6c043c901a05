"""The spaces' API (ISSUE 13, part 6): every operation for a member, and every rule tried
by someone it should keep out, with the pages' words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mathshubs.accounts.models import User
from mathshubs.accounts.services import api_token_create
from mathshubs.activities.models import EnrolmentStatus, Participation
from mathshubs.collaboration import documents, notify, services
from mathshubs.collaboration.api import NO_PERSON, TAKEN_DOWN
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    Document,
    DocumentVersion,
    NotificationSetting,
    SpaceKind,
    Thread,
)
from mathshubs.collaboration.views import NOT_FOUND
from mathshubs.dates import LONDON
from mathshubs.uploads import FILE_MISSING
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
YEAR = 2023
API = "/api/v1"
# A Friday afternoon: a post scheduled now goes on Monday at 08:00.
FRIDAY = dt.datetime(2024, 3, 1, 15, 0, tzinfo=LONDON)
MONDAY_MORNING = dt.datetime(2024, 3, 4, 8, 0, 1, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _space(user, kind):
    return next(s for s in spaces_for(user, YEAR) if s.kind == kind)


@pytest.fixture
def spaces(cast):
    """Leo leads North's activity (Pat takes part): its space, the NCP's LLME Community,
    North's hub LLME Community (Harriet manages it); South's, where Simon is staff."""
    return {
        "activity": _space(cast.leo, SpaceKind.ACTIVITY),
        "ncp": _space(cast.leo, SpaceKind.NCP_COMMUNITY),
        "hub": _space(cast.leo, SpaceKind.HUB_COMMUNITY),
        "south": _space(cast.simon, SpaceKind.HUB_COMMUNITY),
    }


def _csv(text: str, name: str = "plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _upload(user, space, title="Plan", text="week,one\n"):
    return documents.document_upload(user=user, space=space, title=title, upload=_csv(text))


# -- spaces -----------------------------------------------------------------------------


def test_your_spaces_are_those_of_the_programme_year_unless_you_ask_for_another(cast, spaces):
    leo = client_for(cast.leo)
    services.thread_post(user=cast.pat, space=spaces["activity"], title="Hi", text="Hello")
    listed = leo.get(f"{API}/spaces").json()
    assert {s["id"] for s in listed} == {spaces[k].pk for k in ("activity", "ncp", "hub")}
    by_kind = {s["kind"]: s for s in listed}
    assert by_kind["activity"]["threads"] == 1
    assert by_kind["activity"]["activity_id"] == cast.activity.pk
    assert by_kind["hub_community"]["hub"] == "north"
    assert by_kind["ncp_community"]["ncp_code"] == cast.mastery_readiness.code
    assert {s["academic_year"] for s in listed} == {"2023/24"}
    assert leo.get(f"{API}/spaces?year=2023/24").json() == listed
    assert leo.get(f"{API}/spaces?year=2019").json() == []
    wrong = leo.get(f"{API}/spaces?year=next")
    assert wrong.status_code == 422 and "year" in wrong.json()["errors"]


def test_a_space_says_whether_you_manage_it(cast, spaces):
    space = spaces["activity"]
    _upload(cast.leo, space)
    for_leo = client_for(cast.leo).get(f"{API}/spaces/{space.pk}").json()
    assert for_leo["name"] == space.name and for_leo["documents"] == 1
    assert for_leo["you_manage"] is True
    assert client_for(cast.pat).get(f"{API}/spaces/{space.pk}").json()["you_manage"] is False


def test_a_personal_token_reads_your_spaces(cast, spaces):
    secret = api_token_create(user=cast.pat, name="phone").secret
    answer = Client().get(f"{API}/spaces", headers={"Authorization": f"Bearer {secret}"})
    assert [s["id"] for s in answer.json()] == [spaces["activity"].pk]


# -- who reads what ---------------------------------------------------------------------


def _reads(space, thread, document):
    """Every GET of a space, down to a version's bytes and the caller's setting for it."""
    base = f"{API}/spaces/{space.pk}"
    return [
        base,
        f"{base}/threads",
        f"{base}/threads/{thread.pk}",
        f"{base}/documents",
        f"{base}/documents/{document.pk}",
        f"{base}/documents/{document.pk}/versions/1",
        f"{base}/notification-settings",
    ]


def _writes(space, thread, comment, document):
    """Every write of a space, with a body that would do."""
    base = f"{API}/spaces/{space.pk}"
    post, doc = f"{base}/threads/{thread.pk}", f"{base}/documents/{document.pk}"
    return [
        ("post", f"{base}/threads", {"title": "X", "body": "Y"}),
        ("patch", post, {"body": "Mine now"}),
        ("delete", post, None),
        ("post", f"{post}/comments", {"body": "Y"}),
        ("patch", f"{post}/comments/{comment.pk}", {"body": "Y"}),
        ("delete", f"{post}/comments/{comment.pk}", None),
        ("post", f"{post}/boosts", {"text": "Hi"}),
        ("post", f"{post}/comments/{comment.pk}/boosts", {"text": "Hi"}),
        ("post", f"{post}/unsubscribe", None),
        ("delete", f"{post}/unsubscribe", None),
        ("post", f"{base}/text-documents", {"title": "X", "text": "Y"}),
        ("post", f"{doc}/text-versions", {"text": "Y"}),
        ("post", f"{doc}/versions/1/restore", None),
        ("put", f"{base}/notification-settings", {"frequency": "each"}),
        ("delete", f"{base}/notification-settings", None),
    ]


def _refuses_everything(client, space, thread, comment, document):
    for url in _reads(space, thread, document):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert answer.json() == {"message": NOT_FOUND}, url
    for method, url, body in _writes(space, thread, comment, document):
        kwargs = {"data": body, "content_type": "application/json"} if body else {}
        assert getattr(client, method)(url, **kwargs).status_code == 404, f"{method} {url}"
    upload = client.post(f"{API}/spaces/{space.pk}/documents", {"title": "X", "file": _csv("a")})
    assert upload.status_code == 404
    versions = client.post(
        f"{API}/spaces/{space.pk}/documents/{document.pk}/versions", {"file": _csv("a")}
    )
    assert versions.status_code == 404
    assert space.pk not in [s["id"] for s in client.get(f"{API}/spaces").json()]


def _filled(space, author):
    thread = services.thread_post(user=author, space=space, title="Inside", text="Words")
    comment = services.comment_post(user=author, thread=thread, text="More words")
    return thread, comment, _upload(author, space)


@pytest.mark.parametrize("who", ["leo", "harriet"])
def test_a_member_of_one_hubs_community_never_reads_another_hubs(cast, spaces, who):
    space = spaces["south"]
    thread, comment, document = _filled(space, cast.simon)
    _refuses_everything(client_for(getattr(cast, who)), space, thread, comment, document)
    assert Thread.objects.filter(space=space).count() == 1
    assert Comment.objects.filter(thread=thread).count() == 1
    assert DocumentVersion.objects.filter(document__space=space).count() == 1
    assert not Boost.objects.exists() and not NotificationSetting.objects.exists()
    assert Thread.objects.get(pk=thread.pk).deleted_at is None


@pytest.mark.parametrize(
    "who, kind",
    [
        ("pat", "ncp"),  # a participant never reads the NCP LLME Community
        ("pat", "hub"),  # nor the hub's LLME Community
        ("harriet", "ncp"),  # hub staff are not in an NCP's community
        ("sam", "activity"),  # South's participant is not in North's activity
        ("simon", "hub"),  # South's staff never read North's hub community
    ],
)
def test_no_one_outside_a_space_reads_or_writes_in_it(cast, spaces, who, kind):
    space = spaces[kind]
    thread, comment, document = _filled(space, cast.nadia)
    _refuses_everything(client_for(getattr(cast, who)), space, thread, comment, document)
    assert Thread.objects.filter(space=space).count() == 1 and not Boost.objects.exists()


def test_a_withdrawn_participant_reads_no_more(cast, spaces):
    space = spaces["activity"]
    thread, comment, document = _filled(space, cast.leo)
    Participation.objects.filter(person=cast.pat.person).update(status=EnrolmentStatus.WITHDRAWN)
    _refuses_everything(client_for(cast.pat), space, thread, comment, document)


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/spaces"),
        ("get", "/spaces/{space}"),
        ("get", "/spaces/{space}/threads"),
        ("post", "/spaces/{space}/threads"),
        ("get", "/spaces/{space}/threads/{thread}"),
        ("patch", "/spaces/{space}/threads/{thread}"),
        ("delete", "/spaces/{space}/threads/{thread}"),
        ("post", "/spaces/{space}/threads/{thread}/comments"),
        ("post", "/spaces/{space}/threads/{thread}/boosts"),
        ("post", "/spaces/{space}/threads/{thread}/unsubscribe"),
        ("get", "/spaces/{space}/documents"),
        ("post", "/spaces/{space}/documents"),
        ("get", "/spaces/{space}/documents/{document}"),
        ("get", "/spaces/{space}/documents/{document}/versions/1"),
        ("post", "/spaces/{space}/documents/{document}/versions/1/restore"),
        ("get", "/notification-settings"),
        ("put", "/notification-settings"),
        ("get", "/spaces/{space}/notification-settings"),
    ],
)
def test_an_anonymous_caller_must_sign_in(cast, spaces, method, path):
    space = spaces["activity"]
    thread, _, document = _filled(space, cast.leo)
    url = API + path.format(space=space.pk, thread=thread.pk, document=document.pk)
    answer = getattr(Client(), method)(url, data={}, content_type="application/json")
    assert answer.status_code == 401
    assert "Authorization: Bearer" in answer.json()["message"]


def test_a_wrong_token_is_refused(cast, spaces):
    answer = Client().get(f"{API}/spaces", headers={"Authorization": "Bearer not-a-token"})
    assert answer.status_code == 401


def test_an_account_without_a_person_has_no_spaces(cast, spaces):
    admin = client_for(User.objects.create_user("admin@example.org", "x-long-password"))
    assert admin.get(f"{API}/spaces").json() == []
    assert admin.get(f"{API}/spaces/{spaces['activity'].pk}").status_code == 404
    answer = admin.get(f"{API}/notification-settings")
    assert answer.status_code == 403 and answer.json()["message"] == NO_PERSON


# -- threads, comments, boosts ----------------------------------------------------------


def test_a_member_starts_a_thread_others_comment_and_boost(cast, spaces):
    space = spaces["activity"]
    leo, pat = client_for(cast.leo), client_for(cast.pat)
    base = f"{API}/spaces/{space.pk}/threads"
    made = leo.post(
        base, {"title": "Session 2", "body": "Bring **a** task"}, content_type="application/json"
    )
    assert made.status_code == 201
    thread = made.json()
    assert thread["title"] == "Session 2" and thread["body"] == "<p>Bring **a** task</p>"
    assert thread["author"] == {"id": cast.leo.person.pk, "name": "Leo Lead"}
    assert thread["scheduled"] is False and thread["replies"] == []
    url = f"{base}/{thread['id']}"

    said = pat.post(f"{url}/comments", {"body": "<em>Yes</em>"}, content_type="application/json")
    assert said.status_code == 201 and said.json()["body"] == "<em>Yes</em>"
    comment_id = said.json()["id"]
    boost = pat.post(f"{url}/boosts", {"text": "Thanks!"}, content_type="application/json")
    assert boost.status_code == 201 and boost.json()["text"] == "Thanks!"
    assert boost.json()["person"]["name"] == "Pat Participant"
    on_comment = leo.post(
        f"{url}/comments/{comment_id}/boosts", {"text": "👍"}, content_type="application/json"
    )
    assert on_comment.status_code == 201

    detail = pat.get(url).json()
    assert detail["comments"] == 1 and [b["text"] for b in detail["boosts"]] == ["Thanks!"]
    assert [(c["body"], [b["text"] for b in c["boosts"]]) for c in detail["replies"]] == [
        ("<em>Yes</em>", ["👍"])
    ]
    assert detail["you_may_change"] is False and detail["history"] is None
    listed = pat.get(base).json()
    assert listed["total"] == 1 and listed["items"][0]["comments"] == 1


def test_threads_are_paged_latest_activity_first(cast, spaces):
    space = spaces["activity"]
    for n in range(3):
        services.thread_post(user=cast.leo, space=space, title=f"T{n}", text="x")
    pat = client_for(cast.pat)
    base = f"{API}/spaces/{space.pk}/threads"
    first = pat.get(f"{base}?limit=2").json()
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    assert [t["title"] for t in first["items"]] == ["T2", "T1"]
    assert [t["title"] for t in pat.get(f"{base}?limit=2&offset=2").json()["items"]] == ["T0"]
    assert pat.get(f"{base}?limit=0").status_code == 422
    assert pat.get(f"{base}?limit=1000").status_code == 422


@pytest.mark.parametrize(
    "written, gone",
    [
        ('<p onclick="steal()">Hi</p><script>alert(1)</script>', ["script", "onclick", "alert"]),
        ('<img src=x onerror="alert(1)"><strong>Hi</strong>', ["img", "onerror"]),
        ('<a href="javascript:alert(1)" onmouseover="x()">Hi</a>', ["javascript", "onmouseover"]),
    ],
)
def test_scripts_and_event_handlers_sent_through_the_api_are_removed(cast, spaces, written, gone):
    space = spaces["activity"]
    leo = client_for(cast.leo)
    base = f"{API}/spaces/{space.pk}/threads"
    thread = leo.post(base, {"title": "T", "body": written}, content_type="application/json")
    url = f"{base}/{thread.json()['id']}"
    comment = leo.post(f"{url}/comments", {"body": written}, content_type="application/json")
    edited = leo.patch(url, {"body": written}, content_type="application/json")
    stored = [Thread.objects.get().body, Comment.objects.get().body]
    for body in [thread.json()["body"], comment.json()["body"], edited.json()["body"], *stored]:
        assert "Hi" in body
        for word in gone:
            assert word not in body


def test_a_refused_post_names_each_field_in_the_services_words(cast, spaces):
    space = spaces["activity"]
    leo = client_for(cast.leo)
    base = f"{API}/spaces/{space.pk}/threads"
    empty = leo.post(
        base, {"title": " ", "body": "<script>x</script>"}, content_type="application/json"
    )
    assert empty.status_code == 422
    assert empty.json()["errors"] == {
        "title": [services.TITLE_MISSING],
        "body": [services.BODY_MISSING],
    }
    assert not Thread.objects.exists()
    thread = services.thread_post(user=cast.leo, space=space, title="T", text="x")
    url = f"{base}/{thread.pk}"
    long_boost = leo.post(f"{url}/boosts", {"text": "x" * 17}, content_type="application/json")
    assert long_boost.status_code == 422
    assert long_boost.json()["errors"] == {"text": [services.BOOST_MISSING]}
    blank = leo.patch(url, {"body": "<iframe></iframe>"}, content_type="application/json")
    assert blank.status_code == 422 and blank.json()["message"] == services.BODY_MISSING
    missing = leo.post(base, {"title": "No body"}, content_type="application/json")
    assert missing.status_code == 422


def test_another_member_may_not_change_or_take_down_your_post(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="Leo's", text="Mine")
    comment = services.comment_post(user=cast.leo, thread=thread, text="Also mine")
    pat = client_for(cast.pat)
    url = f"{API}/spaces/{space.pk}/threads/{thread.pk}"
    for method, target, body in [
        ("patch", url, {"title": "Pat's", "body": "Taken over"}),
        ("delete", url, None),
        ("patch", f"{url}/comments/{comment.pk}", {"body": "Taken over"}),
        ("delete", f"{url}/comments/{comment.pk}", None),
    ]:
        kwargs = {"data": body, "content_type": "application/json"} if body else {}
        answer = getattr(pat, method)(target, **kwargs)
        assert answer.status_code == 403, f"{method} {target}"
        assert answer.json() == {"message": services.NOT_YOURS}
    thread.refresh_from_db()
    comment.refresh_from_db()
    assert (thread.title, thread.deleted_at, comment.deleted_at) == ("Leo's", None, None)
    assert "Mine" in thread.body and "Also mine" in comment.body


def test_the_author_changes_their_post_and_a_manager_anyones(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="Plans", text="Hello")
    comment = services.comment_post(user=cast.pat, thread=thread, text="Monday")
    pat, leo = client_for(cast.pat), client_for(cast.leo)
    url = f"{API}/spaces/{space.pk}/threads/{thread.pk}"
    mine = pat.patch(f"{url}/comments/{comment.pk}", {"body": "Tuesday"}, "application/json")
    assert mine.status_code == 200 and mine.json()["body"] == "<p>Tuesday</p>"
    assert mine.json()["edited_at"] is not None
    renamed = leo.patch(url, {"title": "New plans"}, content_type="application/json")
    assert renamed.json()["title"] == "New plans" and renamed.json()["body"] == "<p>Hello</p>"
    # Leo leads the activity, so he manages its space: he takes Pat's comment down.
    assert leo.delete(f"{url}/comments/{comment.pk}").status_code == 204
    detail = leo.get(url).json()
    assert detail["replies"][0]["taken_down"] is True and detail["replies"][0]["body"] == ""
    assert detail["comments"] == 0 and detail["you_manage"] is True
    assert [(h["action"], h["by"]["name"]) for h in detail["history"]] == [
        ("deleted", "Leo Lead"),
        ("edited", "Leo Lead"),
        ("edited", "Pat Participant"),
    ]
    assert pat.get(url).json()["history"] is None
    # A post taken down is not changed or boosted again.
    for method, target, body in [
        ("patch", f"{url}/comments/{comment.pk}", {"body": "Back"}),
        ("post", f"{url}/comments/{comment.pk}/boosts", {"text": "Hi"}),
    ]:
        answer = getattr(pat, method)(target, body, content_type="application/json")
        assert answer.status_code == 404 and answer.json()["message"] == TAKEN_DOWN
    assert leo.delete(url).status_code == 204
    assert leo.get(f"{API}/spaces/{space.pk}/threads").json()["total"] == 0
    closed = pat.post(f"{url}/comments", {"body": "Hello?"}, content_type="application/json")
    assert closed.status_code == 422
    assert closed.json()["errors"] == {"body": [services.THREAD_TAKEN_DOWN]}


def test_a_hub_lead_manages_the_hubs_community_and_takes_down_an_llmes_thread(cast, spaces):
    space = spaces["hub"]
    thread = services.thread_post(user=cast.leo, space=space, title="Hub news", text="x")
    url = f"{API}/spaces/{space.pk}/threads/{thread.pk}"
    assert client_for(cast.harriet).delete(url).status_code == 204
    assert Thread.objects.get(pk=thread.pk).deleted_at is not None


@time_machine.travel(FRIDAY, tick=False)
def test_a_scheduled_thread_is_seen_only_by_its_author_until_its_morning(cast, spaces):
    space = spaces["activity"]
    leo, pat = client_for(cast.leo), client_for(cast.pat)
    base = f"{API}/spaces/{space.pk}/threads"
    made = leo.post(
        base, {"title": "Monday", "body": "Agenda", "scheduled": True}, "application/json"
    ).json()
    assert made["scheduled"] is True
    assert made["posted_at"] == "2024-03-04T08:00:00Z"
    assert [t["title"] for t in leo.get(base).json()["items"]] == ["Monday"]
    assert pat.get(base).json() == {"total": 0, "limit": 30, "offset": 0, "items": []}
    assert pat.get(f"{base}/{made['id']}").status_code == 404
    boost = pat.post(f"{base}/{made['id']}/boosts", {"text": "Hi"}, "application/json")
    assert boost.status_code == 404
    assert not Boost.objects.exists()
    assert [s["threads"] for s in pat.get(f"{API}/spaces").json()] == [0]
    with time_machine.travel(MONDAY_MORNING, tick=False):  # a new session: the old expired
        items = client_for(cast.pat).get(base).json()["items"]
        assert [t["title"] for t in items] == ["Monday"]


@time_machine.travel(FRIDAY, tick=False)
def test_a_scheduled_comment_is_seen_only_by_its_author_until_its_morning(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="T", text="x")
    url = f"{API}/spaces/{space.pk}/threads/{thread.pk}"
    pat, leo = client_for(cast.pat), client_for(cast.leo)
    said = pat.post(f"{url}/comments", {"body": "Later", "scheduled": True}, "application/json")
    assert said.json()["scheduled"] is True
    assert [c["body"] for c in pat.get(url).json()["replies"]] == ["<p>Later</p>"]
    assert leo.get(url).json()["replies"] == []
    hidden = f"{url}/comments/{said.json()['id']}"
    assert leo.delete(hidden).status_code == 404  # not even a manager acts on it yet
    with time_machine.travel(MONDAY_MORNING, tick=False):
        replies = client_for(cast.leo).get(url).json()["replies"]
        assert [c["body"] for c in replies] == ["<p>Later</p>"]


def test_unsubscribe_me_from_a_thread_and_back(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="T", text="x")
    pat = client_for(cast.pat)
    url = f"{API}/spaces/{space.pk}/threads/{thread.pk}"
    answer = pat.post(f"{url}/unsubscribe")
    assert answer.json() == {"thread_id": thread.pk, "unsubscribed": True}
    assert notify.is_unsubscribed(cast.pat.person, thread)
    assert pat.get(url).json()["unsubscribed"] is True
    assert not notify.is_unsubscribed(cast.leo.person, thread)
    assert pat.delete(f"{url}/unsubscribe").json()["unsubscribed"] is False
    assert not notify.is_unsubscribed(cast.pat.person, thread)


def test_a_thread_and_its_list_take_a_fixed_number_of_queries(
    cast, spaces, django_assert_max_num_queries
):
    space = spaces["activity"]
    for n in range(8):
        thread = services.thread_post(user=cast.leo, space=space, title=f"T{n}", text="x")
        comment = services.comment_post(user=cast.pat, thread=thread, text="y")
        services.boost_add(user=cast.leo, post=comment, text="Hi")
        services.boost_add(user=cast.pat, post=thread, text="Hi")
    leo = client_for(cast.leo)
    with django_assert_max_num_queries(10):
        assert len(leo.get(f"{API}/spaces/{space.pk}/threads").json()["items"]) == 8
    for n in range(8):
        services.comment_post(user=cast.nadia, thread=thread, text=f"more {n}")
    with django_assert_max_num_queries(16):
        assert len(leo.get(f"{API}/spaces/{space.pk}/threads/{thread.pk}").json()["replies"]) == 9


# -- documents --------------------------------------------------------------------------


def test_a_file_uploaded_with_a_new_version_downloaded_and_the_first_restored(cast, spaces):
    space = spaces["activity"]
    leo, pat = client_for(cast.leo), client_for(cast.pat)
    made = leo.post(
        f"{API}/spaces/{space.pk}/documents", {"title": "Session plan", "file": _csv("week,one\n")}
    )
    assert made.status_code == 201
    document = made.json()
    assert (document["title"], document["kind"], document["versions"]) == (
        "Session plan",
        "file",
        1,
    )
    base = f"{API}/spaces/{space.pk}/documents/{document['id']}"
    second = pat.post(f"{base}/versions", {"file": _csv("week,two\n", "plan v2.csv")})
    assert second.status_code == 201 and second.json()["versions"] == 2
    assert _bytes(pat.get(f"{base}/versions/1")) == b"week,one\n"
    assert _bytes(leo.get(f"{base}/versions/2")) == b"week,two\n"

    restored = leo.post(f"{base}/versions/1/restore")
    assert restored.status_code == 201
    history = restored.json()["history"]
    assert [(v["number"], v["restored_from"], v["made_by"]["name"]) for v in history] == [
        (3, 1, "Leo Lead"),
        (2, None, "Pat Participant"),
        (1, None, "Leo Lead"),
    ]
    assert [(v["filename"], v["size"]) for v in history] == [
        ("plan.csv", 9),
        ("plan v2.csv", 9),
        ("plan.csv", 9),
    ]
    assert history[0]["download"] == f"{base}/versions/3"
    download = leo.get(history[0]["download"])
    assert _bytes(download) == b"week,one\n"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    assert pat.get(base).json() == restored.json()
    listed = pat.get(f"{API}/spaces/{space.pk}/documents").json()
    assert [(d["title"], d["versions"]) for d in listed] == [("Session plan", 3)]
    assert leo.get(f"{base}/versions/4").status_code == 404
    missing = leo.post(f"{base}/versions/9/restore")
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"version": [documents.NO_SUCH_VERSION]}


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"title": "X", "file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")}, "file", "PDF"),
        ({"title": "X", "file": SimpleUploadedFile("fake.pdf", b"no")}, "file", "(.pdf)"),
        ({"title": "X"}, "file", FILE_MISSING),
        ({"file": _csv("a,b\n")}, "title", documents.TITLE_MISSING),
    ],
)
def test_a_wrong_upload_is_refused_naming_what_is_wrong(cast, spaces, data, field, words):
    space = spaces["activity"]
    answer = client_for(cast.leo).post(f"{API}/spaces/{space.pk}/documents", data)
    assert answer.status_code == 422
    assert words in answer.json()["errors"][field][0]
    assert not Document.objects.exists()


def test_a_document_written_here_keeps_its_revisions(cast, spaces):
    space = spaces["activity"]
    leo, pat = client_for(cast.leo), client_for(cast.pat)
    made = leo.post(
        f"{API}/spaces/{space.pk}/text-documents",
        {"title": "Shared notes", "text": "We met on Tuesday."},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert (made.json()["kind"], made.json()["text"]) == ("text", "We met on Tuesday.")
    base = f"{API}/spaces/{space.pk}/documents/{made.json()['id']}"
    again = pat.post(f"{base}/text-versions", {"text": "We met on Wednesday."}, "application/json")
    assert again.status_code == 201 and again.json()["text"] == "We met on Wednesday."
    first = leo.get(f"{base}/versions/1")
    assert first.content == b"We met on Tuesday." and first["Content-Type"].startswith("text/")
    assert leo.post(f"{base}/versions/1/restore").json()["text"] == "We met on Tuesday."
    empty = pat.post(f"{base}/text-versions", {"text": "  "}, "application/json")
    assert empty.status_code == 422
    assert empty.json()["errors"] == {"text": [documents.TEXT_MISSING]}
    a_file = pat.post(f"{base}/versions", {"file": _csv("a,b\n")})
    assert a_file.status_code == 422 and "written here" in a_file.json()["errors"]["file"][0]
    untitled = pat.post(
        f"{API}/spaces/{space.pk}/text-documents", {"title": "", "text": "x"}, "application/json"
    )
    assert untitled.json()["errors"] == {"title": [documents.TITLE_MISSING]}


def test_an_uploaded_document_takes_no_written_words(cast, spaces):
    space = spaces["activity"]
    document = _upload(cast.leo, space)
    answer = client_for(cast.pat).post(
        f"{API}/spaces/{space.pk}/documents/{document.pk}/text-versions",
        {"text": "words"},
        content_type="application/json",
    )
    assert answer.status_code == 422 and "uploaded file" in answer.json()["errors"]["text"][0]
    assert document.versions.count() == 1


def test_a_public_link_shows_only_where_a_manager_made_one(cast, spaces):
    space = spaces["activity"]
    document = _upload(cast.leo, space)
    url = f"{API}/spaces/{space.pk}/documents/{document.pk}"
    pat = client_for(cast.pat)
    assert pat.get(url).json()["public_link"] is None
    documents.public_link(user=cast.leo, document=document, on=True)
    link = pat.get(url).json()["public_link"]
    assert link.endswith(f"/d/{document.public_token}/")


# -- how you hear of spaces -------------------------------------------------------------


def test_your_choice_for_every_space_and_for_one(cast, spaces):
    space = spaces["activity"]
    pat = client_for(cast.pat)
    one = f"{API}/spaces/{space.pk}/notification-settings"
    every = f"{API}/notification-settings"
    assert pat.get(every).json() == {"space_id": None, "frequency": "digest", "own": False}
    chosen = pat.put(every, {"frequency": "each"}, content_type="application/json")
    assert chosen.json() == {"space_id": None, "frequency": "each", "own": True}
    assert pat.get(one).json() == {"space_id": space.pk, "frequency": "each", "own": False}
    quiet = pat.put(one, {"frequency": "none"}, content_type="application/json")
    assert quiet.json() == {"space_id": space.pk, "frequency": "none", "own": True}
    assert notify.frequency_of(cast.pat.person, space) == "none"
    assert notify.frequency_of(cast.leo.person, space) == "digest"
    assert pat.delete(one).json() == {"space_id": space.pk, "frequency": "each", "own": False}
    for url in (one, every):
        wrong = pat.put(url, {"frequency": "hourly"}, content_type="application/json")
        assert wrong.status_code == 422
        assert wrong.json()["errors"] == {"frequency": [notify.FREQUENCY_WRONG]}


# -- the document every client reads ---------------------------------------------------


def test_the_openapi_document_lists_every_operation(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    space = f"{API}/spaces/{{space_id}}"
    thread = f"{space}/threads/{{thread_id}}"
    document = f"{space}/documents/{{document_id}}"
    expected = {
        f"{API}/spaces": {"get"},
        space: {"get"},
        f"{space}/threads": {"get", "post"},
        thread: {"get", "patch", "delete"},
        f"{thread}/comments": {"post"},
        f"{thread}/comments/{{comment_id}}": {"patch", "delete"},
        f"{thread}/boosts": {"post"},
        f"{thread}/comments/{{comment_id}}/boosts": {"post"},
        f"{thread}/unsubscribe": {"post", "delete"},
        f"{space}/documents": {"get", "post"},
        f"{space}/text-documents": {"post"},
        document: {"get"},
        f"{document}/versions": {"post"},
        f"{document}/text-versions": {"post"},
        f"{document}/versions/{{number}}": {"get"},
        f"{document}/versions/{{number}}/restore": {"post"},
        f"{API}/notification-settings": {"get", "put"},
        f"{space}/notification-settings": {"get", "put", "delete"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
