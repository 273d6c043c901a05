"""Collaboration spaces (ISSUE 13, first part): membership follows the programme's
records; threads and comments in safe rich text; history of edits and deletions for the
managers; boosts; and every rule tried by someone it should keep out."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from mathshubs.activities.models import EnrolmentStatus, Participation
from mathshubs.collaboration import services
from mathshubs.collaboration.membership import can_manage, can_read, spaces_for
from mathshubs.collaboration.models import Boost, PostRevision, Space, SpaceKind, Thread
from mathshubs.collaboration.sanitise import sanitise
from mathshubs.directory.models import Role
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
YEAR = 2023


def _space(user, kind):
    return next(s for s in spaces_for(user, YEAR) if s.kind == kind)


@pytest.fixture
def spaces(cast):
    """Leo leads North's Mastery Readiness Work Group (the cast's); Pat takes part in it."""
    return {
        "activity": _space(cast.leo, SpaceKind.ACTIVITY),
        "ncp": _space(cast.leo, SpaceKind.NCP_COMMUNITY),
        "hub": _space(cast.leo, SpaceKind.HUB_COMMUNITY),
    }


def test_spaces_follow_the_programmes_records(cast, spaces):
    assert spaces["activity"].activity == cast.activity
    assert spaces["ncp"].ncp == cast.mastery_readiness
    assert spaces["hub"].hub == cast.north
    # Pat (a participant) is in the activity's space only; Harriet (North's staff) manages
    # the hub's community.
    assert [s.kind for s in spaces_for(cast.pat, YEAR)] == [SpaceKind.ACTIVITY]
    assert can_manage(cast.harriet, spaces["hub"]) and not can_read(cast.harriet, spaces["ncp"])
    assert can_manage(cast.leo, spaces["activity"]) and not can_manage(cast.leo, spaces["hub"])
    # Asking again makes no second space.
    spaces_for(cast.leo, YEAR)
    assert Space.objects.count() == 3


def test_a_withdrawn_participant_leaves_and_their_posts_stay(cast, spaces):
    thread = services.thread_post(
        user=cast.pat, space=spaces["activity"], title="Hello", text="From Pat"
    )
    Participation.objects.filter(person=cast.pat.person).update(status=EnrolmentStatus.WITHDRAWN)
    assert not can_read(cast.pat, spaces["activity"])
    assert client_for(cast.pat).get(f"/spaces/{spaces['activity'].pk}/").status_code == 404
    assert Thread.objects.filter(pk=thread.pk).exists()
    page = client_for(cast.leo).get(f"/spaces/{spaces['activity'].pk}/").content.decode()
    assert "Hello" in page and escape(cast.pat.person.full_name) in page


def test_a_new_lead_joins_the_community_spaces(cast, spaces):
    newcomer = f.PersonFactory(first_name="Nia", last_name="New")
    user = f.UserFactory(person=newcomer)
    f.RoleAssignmentFactory(person=newcomer, role=Role.WORK_GROUP_LEAD, hub=cast.north)
    assert not can_read(user, spaces["ncp"])
    cast.activity.leads.add(newcomer)
    assert can_read(user, spaces["ncp"]) and can_read(user, spaces["hub"])


@pytest.mark.parametrize(
    "written, kept, gone",
    [
        (
            '<p onclick="steal()">Hi</p><script>alert(1)</script>',
            "<p>Hi</p>",
            ["script", "onclick"],
        ),
        ('<a href="javascript:alert(1)">x</a>', "x</a>", ["javascript"]),
        (
            '<img src=x onerror="alert(1)"><strong>bold</strong>',
            "<strong>bold</strong>",
            ["img", "onerror"],
        ),
        ("<iframe src=//evil></iframe><em>ok</em>", "<em>ok</em>", ["iframe"]),
        (
            '<a href="https://ncetm.org.uk" onmouseover="x()">NCETM</a>',
            'href="https://ncetm.org.uk"',
            ["onmouseover"],
        ),
        ("Two lines\nhere\n\nand <b>text</b>", "<b>text</b>", []),
        ("plain & simple\n\nsecond", "<p>plain &amp; simple</p><p>second</p>", []),
    ],
)
def test_rich_text_keeps_safe_formatting_only(written, kept, gone):
    clean = sanitise(written)
    assert kept in clean
    for word in gone:
        assert word not in clean


def test_a_posted_script_is_removed_on_the_server(cast, spaces):
    leo = client_for(cast.leo)
    space = spaces["activity"]
    answer = leo.post(
        f"/spaces/{space.pk}/threads/",
        {"title": "Agenda", "body": '<p onclick="x()">Week 1</p><script>alert("x")</script>'},
    )
    assert answer.status_code == 302
    thread = Thread.objects.get(title="Agenda")
    assert thread.body == "<p>Week 1</p>"
    html = leo.get(answer["Location"]).content.decode()
    assert "<p>Week 1</p>" in html and 'alert("x")' not in html and "onclick" not in html


def test_a_thread_or_comment_with_nothing_left_is_refused_keeping_what_was_typed(cast, spaces):
    leo = client_for(cast.leo)
    space = spaces["activity"]
    answer = leo.post(f"/spaces/{space.pk}/threads/", {"title": "", "body": "<script>x</script>"})
    html = answer.content.decode()
    assert answer.status_code == 400
    assert services.TITLE_MISSING in html and services.BODY_MISSING in html
    assert escape("<script>x</script>") in html
    assert not Thread.objects.exists()


def test_comments_boosts_and_the_history_of_a_deletion(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="Session 2", text="Notes")
    pat = client_for(cast.pat)
    answer = pat.post(
        f"/spaces/{space.pk}/threads/{thread.pk}/comments/", {"body": "Thanks, **see you**"}
    )
    assert answer.status_code == 302
    comment = thread.comments.get()
    assert (
        pat.post(
            f"/spaces/{space.pk}/threads/{thread.pk}/boost/", {"comment": comment.pk, "text": "👍"}
        ).status_code
        == 302
    )
    client_for(cast.leo).post(f"/spaces/{space.pk}/threads/{thread.pk}/boost/", {"text": "Thanks!"})
    assert sorted(Boost.objects.values_list("text", flat=True)) == ["Thanks!", "👍"]
    too_long = pat.post(
        f"/spaces/{space.pk}/threads/{thread.pk}/boost/", {"text": "x" * 17}, follow=True
    )
    assert services.BOOST_MISSING in too_long.content.decode()
    # Pat takes her comment down: the words stay for the managers, no one else reads them.
    pat.post(f"/spaces/{space.pk}/threads/{thread.pk}/delete/", {"comment": comment.pk})
    revision = PostRevision.objects.get()
    assert (revision.action, revision.by, "Thanks" in revision.body) == (
        "deleted",
        cast.pat.person,
        True,
    )
    for_pat = pat.get(f"/spaces/{space.pk}/threads/{thread.pk}/").content.decode()
    assert "This comment was taken down" in for_pat and 'id="history"' not in for_pat
    for_leo = client_for(cast.leo).get(f"/spaces/{space.pk}/threads/{thread.pk}/").content.decode()
    assert 'id="history"' in for_leo and "Thanks" in for_leo


def test_an_edit_keeps_what_was_there_before(cast, spaces):
    thread = services.thread_post(user=cast.leo, space=spaces["activity"], title="T", text="First")
    services.post_edit(user=cast.leo, post=thread, text="Second")
    thread.refresh_from_db()
    assert thread.body == "<p>Second</p>" and thread.edited_at is not None
    assert PostRevision.objects.get().body == "<p>First</p>"
    with pytest.raises(Exception, match="Only its author"):
        services.post_edit(user=cast.pat, post=thread, text="Mine now")


@pytest.mark.parametrize(
    "who, space_kind",
    [
        ("sam", "activity"),  # South's participant: not in North's activity
        ("pat", "ncp"),  # a participant never reads the NCP LLME space
        ("pat", "hub"),
        ("simon", "hub"),  # South's staff never read North's hub space
        ("harriet", "ncp"),  # hub staff are not in an NCP's community
    ],
)
def test_no_one_outside_a_space_reads_or_writes_in_it(cast, spaces, who, space_kind):
    space = spaces[space_kind]
    thread = services.thread_post(user=cast.nadia, space=space, title="Inside", text="Words")
    client = client_for(getattr(cast, who))
    assert client.get(f"/spaces/{space.pk}/").status_code == 404
    assert client.get(f"/spaces/{space.pk}/threads/{thread.pk}/").status_code == 404
    base = f"/spaces/{space.pk}/threads/"
    assert client.post(base, {"title": "X", "body": "Y"}).status_code == 404
    assert client.post(f"{base}{thread.pk}/comments/", {"body": "Y"}).status_code == 404
    assert client.post(f"{base}{thread.pk}/boost/", {"text": "Hi"}).status_code == 404
    assert client.post(f"{base}{thread.pk}/delete/", {}).status_code == 404
    assert Thread.objects.filter(space=space).count() == 1 and not Boost.objects.exists()
    assert space.name not in client.get("/spaces/").content.decode()


def test_a_member_may_not_take_down_someone_elses_post(cast, spaces):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="Leo's", text="Mine")
    answer = client_for(cast.pat).post(f"/spaces/{space.pk}/threads/{thread.pk}/delete/", {})
    assert answer.status_code == 403
    assert Thread.objects.get(pk=thread.pk).deleted_at is None


def test_your_spaces_lists_them_with_their_threads(cast, spaces):
    services.thread_post(user=cast.leo, space=spaces["hub"], title="Hub news", text="x")
    page = client_for(cast.leo).get("/spaces/").content.decode()
    assert spaces["hub"].name in page and spaces["ncp"].name in page
    assert escape(spaces["activity"].name) in page


def test_the_author_edits_a_comment_through_its_form_and_the_history_keeps_the_old_words(
    cast, spaces
):
    space = spaces["activity"]
    thread = services.thread_post(user=cast.leo, space=space, title="Plans", text="Hello")
    comment = services.comment_post(user=cast.pat, thread=thread, text="I can come on Monday")
    address = f"/spaces/{space.pk}/threads/{thread.pk}/edit/"
    pat = client_for(cast.pat)
    form = pat.get(f"{address}?comment={comment.pk}").content.decode()
    assert "I can come on Monday" in form
    empty = pat.post(address, {"comment": comment.pk, "body": "<script>x</script>"})
    assert empty.status_code == 400 and escape("<script>x</script>") in empty.content.decode()
    pat.post(address, {"comment": comment.pk, "body": "I can come on Tuesday"})
    comment.refresh_from_db()
    assert comment.body == "<p>I can come on Tuesday</p>" and comment.edited_at
    assert "I can come on Monday" in PostRevision.objects.get(comment=comment).body
    # Another member may not change it; someone outside the space finds nothing.
    leo_thread = pat.post(address, {"title": "Mine", "body": "Taken over"})
    assert leo_thread.status_code == 403
    assert client_for(cast.sam).get(address).status_code == 404
    thread.refresh_from_db()
    assert thread.title == "Plans"


def test_the_activity_page_opens_its_space_for_its_members_only(cast):
    page = client_for(cast.pat).get(f"/activities/{cast.activity.pk}/").content.decode()
    assert 'id="space-link"' in page
    response = client_for(cast.pat).get(f"/spaces/activity/{cast.activity.pk}/")
    space = Space.objects.get(activity=cast.activity)
    assert response.status_code == 302 and response.url == f"/spaces/{space.pk}/"
    # North's hub staff see the activity's page but are not in its space.
    harriet_page = client_for(cast.harriet).get(f"/activities/{cast.activity.pk}/")
    assert harriet_page.status_code == 200 and b'id="space-link"' not in harriet_page.content
    assert client_for(cast.harriet).get(f"/spaces/activity/{cast.activity.pk}/").status_code == 404
    assert client_for(cast.sam).get(f"/spaces/activity/{cast.activity.pk}/").status_code == 404


def test_the_national_team_lists_communities_not_every_activitys_space(cast, spaces):
    listed = spaces_for(cast.nadia, YEAR)
    assert spaces["ncp"] in listed and spaces["hub"] in listed
    assert spaces["activity"] not in listed
    assert can_read(cast.nadia, spaces["activity"])
