"""Notifications of the spaces (ISSUE 13, part 4): each message, the 07:00 digest across
the clock changes, @mentions, Unsubscribe me, one-click unsubscribe (RFC 8058), boosts
that tell no one, and posts that wait for the next working morning."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail

from mathshubs.collaboration import digest, notify, services, tasks
from mathshubs.collaboration.emails import unsubscribe_token
from mathshubs.collaboration.membership import members, members_by_space, spaces_for
from mathshubs.collaboration.models import (
    Comment,
    DigestRun,
    Frequency,
    Mention,
    NotificationSetting,
    Space,
    SpaceKind,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.dates import LONDON
from mathshubs.evaluation.models import ProjectLead
from mathshubs.ops.schedule import JOBS, schedule_tick
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
YEAR = 2023
UTC = dt.UTC


def _space(user, kind=SpaceKind.ACTIVITY) -> Space:
    return next(s for s in spaces_for(user, YEAR) if s.kind == kind)


def _post(user, space, title="Planning the next session", text="Shall we meet on Tuesday?"):
    return services.thread_post(user=user, space=space, title=title, text=text)


def _sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def space(cast):
    return _space(cast.leo)


# -- each message, mentions, unsubscribe me ---------------------------------------------


def test_each_message_emails_the_members_who_chose_it_never_the_author(
    cast, space, django_capture_on_commit_callbacks
):
    notify.setting_set(user=cast.leo, frequency=Frequency.EACH, space=space)
    with django_capture_on_commit_callbacks(execute=True):
        thread = _post(cast.pat, space)
    assert len(mail.outbox) == 1  # Leo only: Pat wrote it; no one else chose each message
    message = mail.outbox[0]
    assert message.to == ["leo@north.example"]
    assert "Planning the next session" in message.subject
    assert "Shall we meet on Tuesday?" in message.body
    assert f"/spaces/{space.pk}/threads/{thread.pk}/" in message.body
    # RFC 8058: a one-click unsubscribe address and the header that says one POST does it.
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    # A second run of the same post's task sends nothing more.
    assert notify.post_notify(kind="thread", post_id=thread.pk) == 0


def test_the_default_is_the_digest_so_a_post_emails_no_one_at_once(
    cast, space, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(cast.pat, space)
    assert mail.outbox == []
    assert notify.frequency_of(cast.leo.person, space) == Frequency.DIGEST


def test_unsubscribe_me_stops_a_threads_comments_but_a_mention_still_reaches(
    cast, space, django_capture_on_commit_callbacks
):
    notify.setting_set(user=cast.leo, frequency=Frequency.EACH)
    thread = _post(cast.pat, space)
    client = client_for(cast.leo)
    response = client.post(
        f"/spaces/{space.pk}/threads/{thread.pk}/subscription/", {"action": "unsubscribe"}
    )
    assert response.status_code == 302
    page = client.get(f"/spaces/{space.pk}/threads/{thread.pk}/").content.decode()
    assert "You are unsubscribed from this thread" in page  # still readable
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(user=cast.pat, thread=thread, text="Tuesday it is.")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(user=cast.pat, thread=thread, text="@Leo Lead can you bring it?")
    assert [m.to for m in mail.outbox] == [["leo@north.example"]]
    assert "Pat Participant mentioned you" in mail.outbox[0].subject
    # Subscribing again brings the comments back.
    client.post(f"/spaces/{space.pk}/threads/{thread.pk}/subscription/", {"action": "subscribe"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(user=cast.pat, thread=thread, text="Done.")
    assert len(_sent_to("leo@north.example")) == 1


def test_a_mention_is_of_a_member_by_full_name_and_none_silences_it(
    cast, space, django_capture_on_commit_callbacks
):
    assert notify.mentioned_in("thanks @sam patel!", [(1, "Sam Patel"), (2, "Sam Pat")]) == {1}
    assert notify.mentioned_in("email sam@patel.example", [(1, "Sam Patel")]) == set()
    # Sam (another hub) is not a member: naming him records nothing and emails no one.
    with django_capture_on_commit_callbacks(execute=True):
        thread = _post(cast.leo, space, text="@Pat Participant and @Sam South, see this")
    assert list(Mention.objects.values_list("person__first_name", flat=True)) == ["Pat"]
    assert [m.to for m in mail.outbox] == [["pat@north.example"]]
    # Pat chooses None for the space: a mention no longer emails.
    notify.setting_set(user=cast.pat, frequency=Frequency.NONE, space=space)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(user=cast.leo, thread=thread, text="@Pat Participant again")
    assert mail.outbox == []


def test_an_edit_that_adds_a_mention_tells_that_person_once(
    cast, space, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = _post(cast.leo, space, text="First draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(user=cast.leo, post=thread, text="First draft, @Pat Participant")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(user=cast.leo, post=thread, text="Second draft, @Pat Participant")
    assert [m.subject for m in mail.outbox] == [
        "Leo Lead mentioned you in Planning the next session (" + space.name + ")"
    ]


def test_a_boost_notifies_no_one(cast, space, django_capture_on_commit_callbacks):
    notify.setting_set(user=cast.leo, frequency=Frequency.EACH)
    thread = _post(cast.leo, space)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.boost_add(user=cast.pat, post=thread, text="👍")
    assert mail.outbox == []


def test_the_national_team_hears_only_of_spaces_it_chose(
    cast, space, django_capture_on_commit_callbacks
):
    notify.setting_set(user=cast.nadia, frequency=Frequency.EACH)
    with django_capture_on_commit_callbacks(execute=True):
        _post(cast.leo, space)
    assert _sent_to("nadia@national.example") == []
    notify.setting_set(user=cast.nadia, frequency=Frequency.EACH, space=space)
    with django_capture_on_commit_callbacks(execute=True):
        _post(cast.leo, space, title="Second")
    assert len(_sent_to("nadia@national.example")) == 1


# -- one-click unsubscribe ----------------------------------------------------------------


def _path(message) -> str:
    return urlsplit(message.extra_headers["List-Unsubscribe"].strip("<>")).path


def test_one_click_unsubscribe_needs_no_sign_in_and_a_get_only_asks(
    cast, space, client, django_capture_on_commit_callbacks
):
    notify.setting_set(user=cast.leo, frequency=Frequency.EACH)
    with django_capture_on_commit_callbacks(execute=True):
        thread = _post(cast.pat, space)
    path = _path(mail.outbox[0])
    # Opening the address (a link checker, a preview) unsubscribes no one.
    page = client.get(path)
    assert page.status_code == 200 and b"Unsubscribe" in page.content
    assert not ThreadUnsubscribe.objects.exists()
    # The mail program's POST, with no cookie and no CSRF token, does.
    client.handler.enforce_csrf_checks = True
    done = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200 and b"You are unsubscribed" in done.content
    assert ThreadUnsubscribe.objects.filter(thread=thread, person=cast.leo.person).exists()


def test_a_forged_or_cut_unsubscribe_link_says_what_is_wrong(cast, client):
    token = unsubscribe_token(cast.leo.person.pk, "digest")
    for bad in (token[:-3] + "abc", "nonsense", token.replace(":", "", 1)):
        response = client.post(f"/spaces/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert b"copy the whole link" in response.content
    assert not NotificationSetting.objects.exists()


def test_the_digests_one_click_stops_the_digest_and_keeps_each_message(cast, space, client):
    notify.setting_set(user=cast.leo, frequency=Frequency.EACH, space=space)
    token = unsubscribe_token(cast.leo.person.pk, "digest")
    client.post(f"/spaces/unsubscribe/{token}/")
    hub = _space(cast.leo, SpaceKind.HUB_COMMUNITY)
    assert notify.frequency_of(cast.leo.person, hub) == Frequency.NONE
    assert notify.frequency_of(cast.leo.person, space) == Frequency.EACH


# -- the digest ---------------------------------------------------------------------------


def _at(post, when: dt.datetime):
    type(post).objects.filter(pk=post.pk).update(posted_at=when, notified_at=when)


@pytest.mark.parametrize(
    ("name", "inside", "outside", "before_seven", "seven"),
    [
        # Sunday 29 March 2026: the clocks go forward; the day is 23 hours long.
        (
            "spring",
            dt.datetime(2026, 3, 29, 22, 30, tzinfo=UTC),  # 23:30 BST on the 29th
            dt.datetime(2026, 3, 29, 23, 30, tzinfo=UTC),  # 00:30 BST on the 30th
            dt.datetime(2026, 3, 30, 5, 59, tzinfo=UTC),  # 06:59 BST
            dt.datetime(2026, 3, 30, 6, 0, tzinfo=UTC),  # 07:00 BST
        ),
        # Sunday 25 October 2026: the clocks go back; the day is 25 hours long.
        (
            "autumn",
            dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC),  # 00:30 BST on the 25th
            dt.datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # 23:30 BST on the 24th
            dt.datetime(2026, 10, 26, 6, 59, tzinfo=UTC),  # 06:59 GMT
            dt.datetime(2026, 10, 26, 7, 0, tzinfo=UTC),  # 07:00 GMT
        ),
    ],
)
def test_the_digest_goes_at_seven_london_time_once_with_the_day_before(
    cast, space, name, inside, outside, before_seven, seven
):
    kept = _post(cast.pat, space, title=f"In the {name} digest")
    _at(kept, inside)
    other = _post(cast.pat, space, title=f"Not in the {name} digest")
    _at(other, outside)
    mine = services.comment_post(user=cast.leo, thread=kept, text="my own comment")
    _at(mine, inside)
    mail.outbox.clear()
    with time_machine.travel(before_seven, tick=False):
        assert digest.digest_send() == 0
    assert not DigestRun.objects.exists()
    with time_machine.travel(seven, tick=False):
        # Run through the scheduler, as in production: its job enqueues the task.
        job = next(j for j in JOBS if j.task.endswith("collaboration.tasks.digest_send"))
        schedule_tick(jobs=[job])
    leo = _sent_to("leo@north.example")
    assert len(leo) == 1
    body = leo[0].body
    assert f"In the {name} digest" in body and f"Not in the {name} digest" not in body
    assert "my own comment" not in body and "Leo Lead commented" not in body
    assert leo[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    day = seven.astimezone(LONDON).date() - dt.timedelta(days=1)
    assert f"{day:%A} {day.day} {day:%B %Y}" in leo[0].subject
    # Pat's digest has Leo's comment, never Pat's own thread.
    (pat,) = _sent_to("pat@north.example")
    assert "Leo Lead commented" in pat.body and "Pat Participant started" not in pat.body
    # Never twice for one day, however many runs or workers.
    with time_machine.travel(seven + dt.timedelta(minutes=5), tick=False):
        assert digest.digest_send() == 0
        assert tasks.digest_send.call() == 0
    assert len(_sent_to("leo@north.example")) == 1


def test_a_day_with_only_their_own_news_or_none_sends_nothing(cast, space):
    _at(_post(cast.pat, space), dt.datetime(2026, 6, 1, 10, tzinfo=UTC))
    sent = digest.digest_send(now=dt.datetime(2026, 6, 10, 7, tzinfo=UTC))
    assert sent == 0 and mail.outbox == []
    assert DigestRun.objects.get().day == dt.date(2026, 6, 9)
    # A day with only Pat's post: Leo hears of it, Pat (its author) gets no email.
    assert digest.digest_send(now=dt.datetime(2026, 6, 2, 7, tzinfo=UTC)) == 1
    assert [m.to for m in mail.outbox] == [["leo@north.example"]]


def test_the_digest_skips_those_on_each_message_none_or_unsubscribed(cast, space):
    thread = _post(cast.leo, space)
    comment = services.comment_post(user=cast.leo, thread=thread, text="More")
    yesterday = dt.datetime(2026, 6, 9, 12, tzinfo=UTC)
    _at(thread, yesterday)
    _at(comment, yesterday)
    harriet_hub = _space(cast.harriet, SpaceKind.HUB_COMMUNITY)
    _at(_post(cast.leo, harriet_hub, title="Hub news"), yesterday)
    notify.setting_set(user=cast.pat, frequency=Frequency.EACH, space=space)
    notify.setting_set(user=cast.harriet, frequency=Frequency.NONE)
    digest.digest_send(now=dt.datetime(2026, 6, 10, 7, tzinfo=UTC))
    assert _sent_to("pat@north.example") == [] and _sent_to("harriet@north.example") == []
    # Pat back on the digest, unsubscribed from the thread: the thread, not its comment.
    notify.setting_clear(user=cast.pat, space=space)
    notify.thread_unsubscribe(user=cast.pat, thread=thread)
    body = digest.digest_messages(dt.date(2026, 6, 9))
    pats = [m for m in body if m.to == ["pat@north.example"]]
    assert len(pats) == 1
    assert "Leo Lead started" in pats[0].body and "commented" not in pats[0].body


def test_many_spaces_members_read_at_once_agree_with_each_space(cast):
    for user in (cast.leo, cast.pat, cast.harriet, cast.sam):
        spaces_for(user, YEAR)
    made = Space.objects.create(kind=SpaceKind.MADE, name="Hub Leads")
    made.added.create(person=cast.sam.person)
    ProjectLead.objects.create(ncp=cast.mastery_readiness, person=cast.nadia.person)
    spaces = list(Space.objects.all())
    together = members_by_space(spaces)
    for space in spaces:
        assert together[space.pk] == set(members(space).values_list("pk", flat=True)), space


# -- posts that wait for the next working morning -----------------------------------------

FRIDAY_EVENING = dt.datetime(2026, 12, 4, 20, 0, tzinfo=LONDON)
MONDAY_EIGHT = dt.datetime(2026, 12, 7, 8, 0, tzinfo=LONDON)


def test_a_post_written_on_friday_evening_can_wait_for_monday_morning(
    cast, space, django_capture_on_commit_callbacks
):
    notify.setting_set(user=cast.pat, frequency=Frequency.EACH)
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        leo, pat = client_for(cast.leo), client_for(cast.pat)
        form = leo.get(f"/spaces/{space.pk}/").content.decode()
        assert "When should it go?" in form and "Post at 08:00 on Monday 7 December" in form
        with django_capture_on_commit_callbacks(execute=True):
            leo.post(
                f"/spaces/{space.pk}/threads/",
                {"title": "Weekend thought", "body": "For Monday", "when": "morning"},
            )
        thread = Thread.objects.get(title="Weekend thought")
        assert thread.posted_at == MONDAY_EIGHT
        assert mail.outbox == []
        assert b"Weekend thought" not in pat.get(f"/spaces/{space.pk}/").content
        assert pat.get(f"/spaces/{space.pk}/threads/{thread.pk}/").status_code == 404
        assert (
            b"Until then only you see it"
            in leo.get(f"/spaces/{space.pk}/threads/{thread.pk}/").content
        )
    with time_machine.travel(MONDAY_EIGHT - dt.timedelta(minutes=1), tick=False):
        assert notify.scheduled_send() == 0
    with time_machine.travel(MONDAY_EIGHT + dt.timedelta(minutes=3), tick=False):
        pat = client_for(cast.pat)
        job = next(j for j in JOBS if j.task.endswith("collaboration.tasks.scheduled_send"))
        schedule_tick(jobs=[job])
        assert [m.to for m in mail.outbox] == [["pat@north.example"]]
        assert pat.get(f"/spaces/{space.pk}/threads/{thread.pk}/").status_code == 200
        assert notify.scheduled_send() == 0  # once


def test_in_working_hours_there_is_no_choice_and_a_scheduled_comment_waits(cast, space):
    leo = client_for(cast.leo)
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=LONDON), tick=False):
        assert "When should it go?" not in leo.get(f"/spaces/{space.pk}/").content.decode()
        thread = _post(cast.leo, space)
    with time_machine.travel(dt.datetime(2026, 12, 24, 19, 0, tzinfo=LONDON), tick=False):
        comment = services.comment_post(
            user=cast.pat, thread=thread, text="After Christmas", scheduled=True
        )
        # 25 and 28 December 2026 are bank holidays (28th for Boxing Day on a Saturday).
        assert comment.posted_at == dt.datetime(2026, 12, 29, 8, 0, tzinfo=LONDON)
        page = leo.get(f"/spaces/{space.pk}/threads/{thread.pk}/").content.decode()
        assert "After Christmas" not in page
    assert Comment.objects.get(pk=comment.pk).notified_at is None


# -- the settings page --------------------------------------------------------------------


def test_the_settings_page_saves_a_choice_for_every_space_and_one_space(cast, space):
    client = client_for(cast.leo)
    page = client.get("/spaces/notifications/").content.decode()
    assert "Change your notification settings" in page and space.name in page
    response = client.post(
        "/spaces/notifications/", {"every": "none", f"space-{space.pk}": "each"}, follow=True
    )
    assert b"Your notification settings are saved" in response.content
    hub = _space(cast.leo, SpaceKind.HUB_COMMUNITY)
    assert notify.frequency_of(cast.leo.person, hub) == Frequency.NONE
    assert notify.frequency_of(cast.leo.person, space) == Frequency.EACH
    # A wrong value is named, nothing is saved, and what was chosen is kept on the form.
    bad = client.post("/spaces/notifications/", {"every": "hourly", f"space-{space.pk}": "none"})
    assert bad.status_code == 400
    assert "Choose each message, daily digest or none" in bad.content.decode()
    assert notify.frequency_of(cast.leo.person, space) == Frequency.EACH
    # Back to following every space.
    client.post("/spaces/notifications/", {"every": "digest", f"space-{space.pk}": "same"})
    assert notify.frequency_of(cast.leo.person, space) == Frequency.DIGEST


def test_no_one_sets_or_unsubscribes_for_a_space_they_are_not_in(cast, space):
    sam = client_for(cast.sam)
    thread = _post(cast.leo, space)
    response = sam.post(
        f"/spaces/{space.pk}/threads/{thread.pk}/subscription/", {"action": "unsubscribe"}
    )
    assert response.status_code == 404
    sam.post("/spaces/notifications/", {"every": "each", f"space-{space.pk}": "none"})
    assert not NotificationSetting.objects.filter(space=space).exists()
