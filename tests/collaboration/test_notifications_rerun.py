"""The spaces' emails sent by a task whose worker died half-way: the task, put back in the
queue (mathshubs.ops.leases), sends the rest, and no one twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from mathshubs.collaboration import digest, notify, services
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import Frequency, SpaceKind, Thread
from tests import factories as f
from tests.rerun import killed_then_run_again, times_each_was_emailed

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture
def space(cast):
    return next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)


def _post(user, space):
    return services.thread_post(user=user, space=space, title="Planning", text="Tuesday?")


@pytest.fixture
def on_each_message(cast, space):
    """Leo and Kim (another participant) hear of each message."""
    kim = f.PersonFactory(email="kim@north.example")
    f.ParticipationFactory(activity=cast.activity, person=kim)
    for user in (cast.leo, f.UserFactory(person=kim)):
        notify.setting_set(user=user, frequency=Frequency.EACH, space=space)


def test_a_posts_emails_go_to_the_rest_when_its_task_runs_again(cast, space, on_each_message):
    thread = _post(cast.pat, space)  # its task not run: emails wait for it
    assert mail.outbox == []
    killed_then_run_again(lambda: notify.post_notify(kind="thread", post_id=thread.pk), after=1)
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@north.example", "leo@north.example"]


def test_scheduled_posts_emails_go_to_the_rest_when_the_job_runs_again(
    cast, space, on_each_message
):
    thread = _post(cast.pat, space)
    later = dt.datetime.now(UTC) + dt.timedelta(hours=1)
    Thread.objects.filter(pk=thread.pk).update(posted_at=later, notified_at=None)
    killed_then_run_again(lambda: notify.scheduled_send(now=later), after=1)
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@north.example", "leo@north.example"]


def test_the_digest_goes_to_the_rest_when_its_task_runs_again(cast, space):
    thread = _post(cast.pat, space)
    comment = services.comment_post(user=cast.leo, thread=thread, text="Yes")
    day = dt.datetime(2026, 6, 1, 10, tzinfo=UTC)
    for post in (thread, comment):
        type(post).objects.filter(pk=post.pk).update(posted_at=day, notified_at=day)
    mail.outbox.clear()
    killed_then_run_again(
        lambda: digest.digest_send(now=dt.datetime(2026, 6, 2, 7, tzinfo=UTC)), after=1
    )
    assert times_each_was_emailed() == {1}
    assert len(mail.outbox) >= 2
