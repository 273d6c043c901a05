"""The demo's collaboration spaces: every community of the year, some activities' spaces
and two made by hand, in use (threads, comments, boosts, mentions, documents with their
versions), and each sign-in a member of their own (ISSUE 13, part 7)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db.models import Count
from django.test import Client

from mathshubs.accounts.models import User
from mathshubs.activities.models import Activity
from mathshubs.collaboration.membership import can_read, members, spaces_for
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    Document,
    DocumentKind,
    DocumentVersion,
    Mention,
    NotificationSetting,
    Space,
    SpaceKind,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.dates import LONDON
from mathshubs.demo.builder import (
    DEMO_HUB_SLUG,
    HUB_EMAIL,
    LLME_EMAIL,
    NATIONAL_EMAIL,
    PARTICIPANT_EMAIL,
    demo_build,
)
from mathshubs.demo.collaboration import HUB_LEADS_NETWORK
from mathshubs.demo.targets import CURRENT_YEAR
from mathshubs.directory.models import Hub, Role, RoleAssignment

pytestmark = pytest.mark.django_db

BUILT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)


def _quiet(_line: str) -> None:
    pass


@pytest.fixture
def small(db):
    with time_machine.travel(BUILT, tick=False):
        return demo_build(scale="small", seed=1, say=_quiet)


def _user(email: str) -> User:
    return User.objects.select_related("person").get(email=email)


def test_the_small_demo_has_spaces_in_use(small):
    assert small.collaboration is not None
    kinds = set(Space.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in SpaceKind}
    assert not Space.objects.annotate(n=Count("threads")).filter(n=0).exists()
    assert Comment.objects.values("author").distinct().count() >= 10
    assert Boost.objects.filter(thread__isnull=False).exists()
    assert Boost.objects.filter(comment__isnull=False).exists()
    assert Mention.objects.exists()
    assert NotificationSetting.objects.exists()
    assert ThreadUnsubscribe.objects.exists()


def test_every_community_of_the_year_has_a_space(small):
    year = Activity.objects.filter(academic_year=CURRENT_YEAR)
    ncps = set(year.exclude(ncp=None).values_list("ncp_id", flat=True))
    hubs = set(year.values_list("hub_id", flat=True))
    spaces = Space.objects.filter(academic_year=CURRENT_YEAR)
    assert set(spaces.filter(kind=SpaceKind.NCP_COMMUNITY).values_list("ncp_id", flat=True)) == (
        ncps
    )
    assert set(spaces.filter(kind=SpaceKind.HUB_COMMUNITY).values_list("hub_id", flat=True)) == (
        hubs
    )


def test_every_post_is_by_a_member_of_its_space(small):
    national = set(
        RoleAssignment.objects.filter(role=Role.NATIONAL_TEAM).values_list("person_id", flat=True)
    )
    for space in Space.objects.all():
        allowed = set(members(space).values_list("pk", flat=True)) | national
        authors = set(Thread.objects.filter(space=space).values_list("author_id", flat=True))
        authors |= set(
            Comment.objects.filter(thread__space=space).values_list("author_id", flat=True)
        )
        assert authors <= allowed, space.name


def test_documents_have_several_versions_and_their_files_are_stored(small):
    files = Document.objects.filter(kind=DocumentKind.FILE).annotate(n=Count("versions"))
    assert files.filter(n__gte=2).exists()
    texts = Document.objects.filter(kind=DocumentKind.TEXT).annotate(n=Count("versions"))
    assert texts.filter(n__gte=2).exists()
    assert not texts.filter(n__lt=2).exists()
    version = DocumentVersion.objects.filter(document__kind=DocumentKind.FILE).first()
    with version.file.open("rb") as handle:
        assert len(handle.read()) == version.size > 0
    assert version.filename.endswith((".txt", ".csv"))


def test_posts_lie_in_the_past_weeks_with_news_yesterday(small):
    assert not Thread.objects.filter(posted_at__gt=BUILT).exists()
    assert not Comment.objects.filter(posted_at__gt=BUILT).exists()
    assert not Thread.objects.filter(notified_at__isnull=True).exists()
    yesterday = dt.datetime(2026, 11, 23, tzinfo=LONDON)
    news = Comment.objects.filter(posted_at__gte=yesterday, posted_at__lt=yesterday.replace(day=24))
    assert news.exists()
    assert Thread.objects.filter(posted_at__lt=BUILT - dt.timedelta(days=21)).exists()


def test_a_mention_names_the_person_in_the_post(small):
    for mention in Mention.objects.select_related("comment", "person")[:20]:
        name = f"@{mention.person.first_name} {mention.person.last_name}"
        assert name in mention.comment.body


def test_a_hub_llme_member_sees_their_hubs_space(small):
    hub = Hub.objects.get(slug=DEMO_HUB_SLUG)
    space = Space.objects.get(kind=SpaceKind.HUB_COMMUNITY, hub=hub, academic_year=CURRENT_YEAR)
    llme = _user(LLME_EMAIL)
    assert space in spaces_for(llme, CURRENT_YEAR)
    assert Mention.objects.filter(person=llme.person, thread__space=space).exists()
    client = Client()
    client.force_login(llme)
    with time_machine.travel(BUILT, tick=False):
        page = client.get(f"/spaces/{space.pk}/")
    assert page.status_code == 200
    assert space.threads.order_by("-last_activity_at").first().title in page.content.decode()


def test_each_sign_in_has_spaces_and_the_national_team_every_community(small):
    national = spaces_for(_user(NATIONAL_EMAIL), CURRENT_YEAR)
    # Every community and space made by hand; activity spaces open from their activity.
    assert set(national) == set(Space.objects.exclude(kind=SpaceKind.ACTIVITY))
    for email in (HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL):
        mine = spaces_for(_user(email), CURRENT_YEAR)
        assert mine and len(mine) < len(national), email
    network = Space.objects.get(name=HUB_LEADS_NETWORK)
    assert can_read(_user(HUB_EMAIL), network)
    assert not can_read(_user(PARTICIPANT_EMAIL), network)


def _conversation() -> list[tuple[str, ...]]:
    threads = Thread.objects.values_list("space__name", "title", "author__email")
    comments = Comment.objects.values_list("thread__title", "author__email", "body")
    return sorted(threads) + sorted(comments)


def test_the_same_seed_makes_the_same_conversation_whatever_the_hour(db):
    with time_machine.travel(BUILT, tick=False):
        demo_build(scale="small", seed=3, say=_quiet)
    first = _conversation()
    with time_machine.travel(BUILT.replace(hour=17), tick=False):
        demo_build(scale="small", seed=3, say=_quiet)
    assert _conversation() == first
