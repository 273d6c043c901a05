"""The demo's collaboration spaces (ISSUE 13, part 7): the year's spaces with a few weeks of
conversation, so every sign-in opens a space that is already in use.

Made after the activities, events and forms, for the programme year the demo is set in
(2023/24), from what is already in the database (a few reads), with the builder's
`random.Random`, walked in a fixed order, so a seed always gives the same spaces:

- **Spaces.** Every NCP LLME Community that has activities in the year and every hub LLME
  Community of a hub with activities (so the national team's list holds them all); a
  space for about one activity in six, always including the demo LLME's own; and two
  made by hand by the national team: the Maths Hub Leads' network (every Maths Hub Lead
  added) and the hub project managers' forum.
- **Posts.** Threads in the programme's voice (Work Group planning, Research Questions,
  TfM readiness, workshop and meeting dates, NCETM materials), by the space's members,
  with comments from several of them, boosts, and a few @mentions (the words
  "@Firstname Lastname" in the post and a `Mention` row). Posted over the past six weeks
  before the build, some of them yesterday (London), so a daily digest has news. Every
  post counts as already emailed (`notified_at`), so a notification worker started on
  the demo sends nothing old.
- **Documents.** Uploaded files (plain text and CSV, the kinds the upload check accepts)
  with up to four versions, most two or more, written to the default storage at the path an upload
  would take; documents written here with two or three revisions.
- **Choices.** A few people hear of each message, a few of nothing, one space or two set
  on its own; most keep the default (the daily digest); a few unsubscribed from a thread.

Inserted with bulk_create; the timestamps Django fills on insert (`created_at`,
`last_activity_at`, `made_at`) are set afterwards in a few UPDATEs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.models import F, OuterRef, Subquery

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.catalogue.models import NCP
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    DigestRun,
    Document,
    DocumentKind,
    DocumentVersion,
    Frequency,
    Mention,
    NotificationSetting,
    PostRevision,
    Space,
    SpaceKind,
    SpaceMember,
    SpaceVisit,
    Thread,
    ThreadUnsubscribe,
    version_path,
)
from mathshubs.collaboration.sanitise import sanitise
from mathshubs.dates import LONDON
from mathshubs.demo.collaboration_words import (
    ACTIVITY_THREADS,
    BOOSTS,
    COMMENTS,
    FILES,
    HUB_LEADS_NETWORK,
    HUB_THREADS,
    MADE_THREADS,
    MENTIONS,
    NCP_THREADS,
    PROJECT_MANAGERS_FORUM,
    TEXTS,
    THANKS,
    TOPICS,
)
from mathshubs.demo.people import DEMO_HUB_SLUG, HUB_EMAIL, LLME_EMAIL
from mathshubs.demo.targets import CURRENT_YEAR
from mathshubs.directory.models import HUB_STAFF_ROLES, Hub, Person, Role, RoleAssignment
from mathshubs.uploads import KINDS

BATCH = 2000
ACTIVITY_SHARE = 0.16
DAYS_BACK = 42


@dataclass
class CollaborationReport:
    spaces: dict[str, int] = field(default_factory=dict)
    threads: int = 0
    comments: int = 0
    boosts: int = 0
    mentions: int = 0
    documents: int = 0
    versions: int = 0
    settings: int = 0
    unsubscribes: int = 0
    yesterday: int = 0  # posts posted yesterday (London): the digest's news

    def line(self) -> str:
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in self.spaces.items())
        return (
            f"made {sum(self.spaces.values()):,} collaboration spaces ({kinds}) with "
            f"{self.threads:,} threads, {self.comments:,} comments ({self.yesterday:,} posts "
            f"yesterday), {self.boosts:,} boosts, {self.mentions:,} mentions, "
            f"{self.documents:,} documents ({self.versions:,} versions), "
            f"{self.settings:,} notification choices, {self.unsubscribes:,} unsubscribes"
        )


def collaboration_wipe() -> None:
    """Delete every space with its posts, documents (and their files) and choices:
    children first, so each delete finds little left to cascade to."""
    names = DocumentVersion.objects.exclude(file="").values_list("file", flat=True)
    for name in names.iterator():
        default_storage.delete(name)
    for model in (
        Mention,
        ThreadUnsubscribe,
        NotificationSetting,
        SpaceVisit,
        Boost,
        PostRevision,
        DocumentVersion,
        Document,
        Comment,
        Thread,
        SpaceMember,
        DigestRun,
    ):
        model._base_manager.all().delete()
    Space.objects.all().delete()  # and whatever else points at a space


@dataclass
class Planned:
    """A space with the people who talk in it."""

    space: Space
    scope: str  # "community", "activity" or "made"
    members: list[int]
    posters: list[int]  # who starts threads: the leads, the staff, the hub leads
    templates: list[tuple[str, str]]
    threads: tuple[int, int]
    words: dict[str, str] = field(default_factory=dict)


@dataclass
class Post:
    thread: Thread
    comments: list[Comment] = field(default_factory=list)


class CollaborationMaker:
    def __init__(self, rng: random.Random, now: dt.datetime, year: int) -> None:
        self.rng, self.now, self.year = rng, now, year
        today = now.astimezone(LONDON).date()
        self.yesterday = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(), LONDON)
        self.today = dt.datetime.combine(today, dt.time(), LONDON)
        self.report = CollaborationReport()
        self.planned: list[Planned] = []
        self.posts: list[tuple[Planned, Post]] = []
        self.boosts: list[Boost] = []
        self.mentions: list[tuple[Post, Comment | None, int]] = []

    # --- who is where --------------------------------------------------------------------

    def _load(self) -> None:
        year = self.year
        self.activities = list(
            Activity.objects.filter(academic_year=year)
            .order_by("pk")
            .values_list("pk", "hub_id", "ncp_id", "title")
        )
        through = Activity.leads.through
        self.leads: dict[int, list[int]] = defaultdict(list)
        for activity_id, person_id in (
            through.objects.filter(activity__academic_year=year)
            .order_by("activity_id", "person_id")
            .values_list("activity_id", "person_id")
        ):
            self.leads[activity_id].append(person_id)
        self.staff: dict[int, list[int]] = defaultdict(list)
        self.by_role: dict[str, list[int]] = defaultdict(list)
        roles = RoleAssignment.objects.filter(academic_year__in=(year, None)).order_by("pk")
        for person_id, role, hub_id in roles.values_list("person_id", "role", "hub_id"):
            if role in HUB_STAFF_ROLES and hub_id is not None:
                self.staff[hub_id].append(person_id)
            self.by_role[role].append(person_id)
        self.national = sorted(set(self.by_role[Role.NATIONAL_TEAM]))
        self.names = {
            pk: f"{first} {last}"
            for pk, first, last in Person.objects.values_list("pk", "first_name", "last_name")
        }
        fixed = dict(
            Person.objects.filter(email__in=(HUB_EMAIL, LLME_EMAIL)).values_list("email", "pk")
        )
        self.hub_lead, self.llme = fixed.get(HUB_EMAIL), fixed.get(LLME_EMAIL)

    def _space(
        self, space: Space, scope: str, members: Iterable[int], posters: Iterable[int], **more
    ) -> Planned | None:
        members = list(dict.fromkeys(members))
        among = set(members)
        posters = [p for p in dict.fromkeys(posters) if p in among] or members
        if not members:
            return None
        plan = Planned(space, scope, members, posters, **more)
        self.planned.append(plan)
        return plan

    def spaces(self) -> None:
        rng, year = self.rng, self.year
        by_ncp: dict[int, list[int]] = defaultdict(list)
        by_hub: dict[int, list[int]] = defaultdict(list)
        for pk, hub_id, ncp_id, _title in self.activities:
            if ncp_id is not None:
                by_ncp[ncp_id].extend(self.leads[pk])
            by_hub[hub_id].extend(self.leads[pk])
        for ncp in NCP.objects.filter(pk__in=by_ncp).order_by("number", "suffix"):
            space = Space(
                kind=SpaceKind.NCP_COMMUNITY,
                academic_year=year,
                ncp=ncp,
                name=f"{ncp.title}: LLME Community",
            )
            self._space(
                space,
                "community",
                by_ncp[ncp.pk],
                by_ncp[ncp.pk],
                templates=NCP_THREADS,
                threads=(4, 8),
                words={"ncp": ncp.title},
            )
        for hub in Hub.objects.filter(pk__in=by_hub).order_by("name"):
            space = Space(
                kind=SpaceKind.HUB_COMMUNITY,
                academic_year=year,
                hub=hub,
                name=f"{hub.name}: LLME Community",
            )
            staff = self.staff[hub.pk]
            if hub.slug == DEMO_HUB_SLUG and self.hub_lead in staff:
                staff = [self.hub_lead] + staff  # the demo's hub lead posts first
            self._space(
                space,
                "community",
                staff + by_hub[hub.pk],
                staff,
                templates=HUB_THREADS,
                threads=(4, 7),
                words={"hub": hub.name},
            )
        mine = {pk for pk, *_ in self.activities if self.llme in self.leads[pk]}
        chosen = [
            row
            for row in self.activities
            if self.leads[row[0]] and (row[0] in mine or rng.random() < ACTIVITY_SHARE)
        ]
        taking_part: dict[int, list[int]] = defaultdict(list)
        for activity_id, person_id in (
            Participation.objects.filter(activity__academic_year=year)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .order_by("activity_id", "pk")
            .values_list("activity_id", "person_id")
        ):
            taking_part[activity_id].append(person_id)
        for pk, _hub_id, _ncp_id, title in chosen:
            space = Space(kind=SpaceKind.ACTIVITY, academic_year=year, activity_id=pk, name=title)
            self._space(
                space,
                "activity",
                self.leads[pk] + taking_part[pk],
                self.leads[pk],
                templates=ACTIVITY_THREADS,
                threads=(1, 4) if pk not in mine else (3, 4),
                words={"activity": title},
            )
        creator = self.national[0] if self.national else None
        for name, role, extra in (
            (HUB_LEADS_NETWORK, Role.MATHS_HUB_LEAD, Role.ASSISTANT_MATHS_HUB_LEAD),
            (PROJECT_MANAGERS_FORUM, Role.PROJECT_MANAGER, None),
        ):
            people = sorted(set(self.by_role[role]) | set(self.by_role.get(extra or "", [])))
            space = Space(kind=SpaceKind.MADE, academic_year=year, name=name, created_by_id=creator)
            self._space(
                space,
                "made",
                people + self.national,
                people,
                templates=MADE_THREADS[name],
                threads=(4, 5),
            )

    # --- posts -----------------------------------------------------------------------------

    def _when(self) -> dt.datetime:
        """A moment of the past six weeks in working hours; about one in eight yesterday."""
        rng = self.rng
        if rng.random() < 0.12:
            day = self.yesterday
        else:
            day = self.today - dt.timedelta(days=rng.randint(2, DAYS_BACK))
        moment = day + dt.timedelta(hours=rng.randint(7, 20), minutes=rng.randint(0, 59))
        return min(moment, self.now - dt.timedelta(minutes=30))

    def _daytime(self, moment: dt.datetime) -> dt.datetime:
        """The moment, or the same day's evening or morning: people post between 07:00
        and 22:00 (London)."""
        local, late = moment.astimezone(LONDON), self.rng.randint(0, 1)  # drawn either way
        if local.hour < 7:
            return local.replace(hour=7 + late)
        if local.hour >= 22:
            return local.replace(hour=21)
        return moment

    def _date(self) -> str:
        day = self.now.astimezone(LONDON).date() + dt.timedelta(days=self.rng.randint(7, 45))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return f"{day:%A} {day.day} {day:%B}"

    def _words(self, plan: Planned, *texts: str) -> list[str]:
        """The texts filled with the same values (a thread's title and its message name
        the same date)."""
        n = self.rng.randint(1, 3)
        values = {
            "ncp": "",
            "hub": "",
            "activity": "",
            **plan.words,
            "topic": self.rng.choice(TOPICS),
            "date": self._date(),
            "n": str(n),
            "next": str(n + 1),
        }
        return [text.format(**values) for text in texts]

    def _mention(self, plan: Planned, author: int) -> tuple[int, str] | None:
        others = [p for p in plan.members[:60] if p != author and p in self.names]
        if not others:
            return None
        person = self.rng.choice(others)
        at = f"@{self.names[person]}"
        return person, self.rng.choice(MENTIONS).format(at=at)

    def _boost(self, plan: Planned, author: int, **post: Thread | Comment) -> None:
        rng = self.rng
        if rng.random() < 0.45:
            return
        who = rng.sample(plan.members[:40], min(len(plan.members[:40]), rng.randint(1, 4)))
        for person in who:
            if person != author:
                self.boosts.append(Boost(person_id=person, text=rng.choice(BOOSTS), **post))

    def threads(self) -> None:
        rng = self.rng
        for plan in self.planned:
            count = rng.randint(*plan.threads)
            templates = rng.sample(plan.templates, min(count, len(plan.templates)))
            for i, (title, body) in enumerate(templates):
                author = plan.posters[0] if i == 0 else rng.choice(plan.posters)
                posted_at = self._when()
                title_words, body_words = self._words(plan, title, body)
                thread = Thread(
                    space=plan.space,
                    author_id=author,
                    title=title_words[:200],
                    body=sanitise(body_words),
                    posted_at=posted_at,
                    notified_at=posted_at,
                )
                post = Post(thread)
                self.posts.append((plan, post))
                self._boost(plan, author, thread=thread)
                self._comments(plan, post)

    def _comments(self, plan: Planned, post: Post) -> None:
        rng, thread = self.rng, post.thread
        if len(plan.members) < 2:
            return
        count = rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 8, 11))
        latest = self.now - dt.timedelta(minutes=5)
        end = min(thread.posted_at + dt.timedelta(days=12), latest)
        span = max((end - thread.posted_at).total_seconds(), 600.0)
        moments = sorted(rng.uniform(300.0, span) for _ in range(count))
        talkers = plan.members[:30]
        for seconds in moments:
            author = rng.choice(talkers)
            draw = rng.random()
            mention = self._mention(plan, author) if draw < 0.05 else None
            if mention is not None:
                text = mention[1]
            elif draw < 0.2 and author != thread.author_id:
                first = self.names.get(thread.author_id, "").split(" ")[0]
                text = rng.choice(THANKS).format(first=first)
            else:
                text = rng.choice(COMMENTS)
            moment = self._daytime(thread.posted_at + dt.timedelta(seconds=seconds))
            posted_at = max(min(moment, latest), thread.posted_at + dt.timedelta(minutes=5))
            comment = Comment(
                thread=thread,
                author_id=author,
                body=sanitise(text),
                posted_at=posted_at,
                notified_at=posted_at,
            )
            post.comments.append(comment)
            if mention is not None:
                self.mentions.append((post, comment, mention[0]))
            if rng.random() < 0.35:
                self._boost(plan, author, comment=comment)

    def sign_ins(self) -> None:
        """The demo LLME is mentioned in their hub's space, yesterday, so the sign-ins see
        a mention and a digest with news."""
        hub_space = next(
            (
                plan
                for plan in self.planned
                if plan.space.kind == SpaceKind.HUB_COMMUNITY
                and plan.space.hub is not None
                and plan.space.hub.slug == DEMO_HUB_SLUG
            ),
            None,
        )
        if hub_space is None or self.llme is None or self.hub_lead is None:
            return
        thread = next((post for plan, post in self.posts if plan is hub_space), None)
        if thread is None:
            return
        posted_at = self.yesterday + dt.timedelta(hours=16, minutes=10)
        text = (
            f"@{self.names[self.llme]} would you share how your Work Group planned its gap "
            "tasks at the next hub LLME meeting?"
        )
        comment = Comment(
            thread=thread.thread,
            author_id=self.hub_lead,
            body=sanitise(text),
            posted_at=posted_at,
            notified_at=posted_at,
        )
        thread.comments.append(comment)
        self.mentions.append((thread, comment, self.llme))

    # --- documents -------------------------------------------------------------------------

    def documents(self) -> tuple[list[Document], list[DocumentVersion], list[bytes]]:
        rng = self.rng
        documents: list[Document] = []
        versions: list[DocumentVersion] = []
        contents: list[bytes] = []
        for plan in self.planned:
            scope = "community" if plan.scope == "made" else plan.scope
            chance = 0.7 if scope == "community" else 0.35
            files = [f for f in FILES[scope] if rng.random() < chance]
            for title, extension in files:
                author = rng.choice(plan.posters)
                document = Document(
                    space=plan.space, title=title, kind=DocumentKind.FILE, created_by_id=author
                )
                documents.append(document)
                started = self._when() - dt.timedelta(days=3)
                for number in range(1, rng.choice((1, 2, 2, 3, 3, 4)) + 1):
                    data = _file_bytes(title, extension, number, plan)
                    suffix = f" v{number}" if number > 1 else ""
                    filename = f"{title}{suffix}{extension}"
                    versions.append(
                        DocumentVersion(
                            document=document,
                            number=number,
                            filename=filename,
                            content_type=KINDS[extension].content_type,
                            size=len(data),
                            made_by_id=author if number == 1 else rng.choice(plan.posters),
                            made_at=min(
                                started + dt.timedelta(days=2 * number - 2, hours=number),
                                self.now - dt.timedelta(minutes=20),
                            ),
                        )
                    )
                    contents.append(data)
            if rng.random() < (0.5 if scope == "community" else 0.3):
                title = TEXTS[scope]
                author = rng.choice(plan.posters)
                document = Document(
                    space=plan.space, title=title, kind=DocumentKind.TEXT, created_by_id=author
                )
                documents.append(document)
                started = self._when() - dt.timedelta(days=2)
                for number, text in enumerate(_revisions(title, rng), start=1):
                    versions.append(
                        DocumentVersion(
                            document=document,
                            number=number,
                            text=text,
                            size=len(text.encode()),
                            made_by_id=author if number == 1 else rng.choice(plan.members[:20]),
                            made_at=min(
                                started + dt.timedelta(days=number - 1, hours=number),
                                self.now - dt.timedelta(minutes=20),
                            ),
                        )
                    )
                    contents.append(b"")
        return documents, versions, contents

    # --- choices ---------------------------------------------------------------------------

    def choices(self) -> tuple[list[NotificationSetting], list[ThreadUnsubscribe]]:
        rng = self.rng
        settings: list[NotificationSetting] = []
        people = sorted({p for plan in self.planned for p in plan.members[:30]})
        for person in people:
            draw = rng.random()
            if draw < 0.04:
                settings.append(NotificationSetting(person_id=person, frequency=Frequency.EACH))
            elif draw < 0.07:
                settings.append(NotificationSetting(person_id=person, frequency=Frequency.NONE))
        for plan in self.planned:
            if plan.scope != "activity" and rng.random() < 0.5:
                person = rng.choice(plan.members[:30])
                frequency = rng.choice((Frequency.EACH, Frequency.NONE, Frequency.EACH))
                settings.append(
                    NotificationSetting(person_id=person, space=plan.space, frequency=frequency)
                )
        unsubscribes: list[ThreadUnsubscribe] = []
        for _plan, post in self.posts:
            talkers = {c.author_id for c in post.comments} - {post.thread.author_id}
            if talkers and rng.random() < 0.05:
                person = rng.choice(sorted(talkers))
                unsubscribes.append(ThreadUnsubscribe(thread=post.thread, person_id=person))
        return settings, unsubscribes

    # --- making them -----------------------------------------------------------------------

    def build(self) -> CollaborationReport:
        self._load()
        self.spaces()
        self.threads()
        self.sign_ins()
        documents, versions, contents = self.documents()
        settings, unsubscribes = self.choices()

        Space.objects.bulk_create([plan.space for plan in self.planned], batch_size=BATCH)
        SpaceMember.objects.bulk_create(
            [
                SpaceMember(space=plan.space, person_id=person, manager=person in self.national)
                for plan in self.planned
                if plan.scope == "made"
                for person in plan.members
            ],
            batch_size=BATCH,
        )
        threads = [post.thread for _plan, post in self.posts]
        Thread.objects.bulk_create(threads, batch_size=BATCH)
        comments = [c for _plan, post in self.posts for c in post.comments]
        Comment.objects.bulk_create(comments, batch_size=BATCH)
        Boost.objects.bulk_create(self.boosts, batch_size=BATCH)
        Mention.objects.bulk_create(
            [
                Mention(
                    thread=post.thread,
                    comment=comment,
                    person_id=person,
                    at=(comment or post.thread).posted_at,
                )
                for post, comment, person in self.mentions
            ],
            batch_size=BATCH,
        )
        self._save_documents(documents, versions, contents)
        NotificationSetting.objects.bulk_create(settings, batch_size=BATCH)
        ThreadUnsubscribe.objects.bulk_create(unsubscribes, batch_size=BATCH)
        self._dates()

        kinds: dict[str, int] = defaultdict(int)
        for plan in self.planned:
            kinds[SpaceKind(plan.space.kind).label] += 1
        report = self.report
        report.spaces = dict(kinds)
        report.threads, report.comments = len(threads), len(comments)
        report.boosts, report.mentions = len(self.boosts), len(self.mentions)
        report.documents, report.versions = len(documents), len(versions)
        report.settings, report.unsubscribes = len(settings), len(unsubscribes)
        report.yesterday = sum(
            1 for post in threads + comments if self.yesterday <= post.posted_at < self.today
        )
        return report

    def _save_documents(
        self, documents: list[Document], versions: list[DocumentVersion], contents: list[bytes]
    ) -> None:
        Document.objects.bulk_create(documents, batch_size=BATCH)
        for version, data in zip(versions, contents, strict=True):
            version.document = version.document  # its id, now that it is saved
            if data:
                # Where an upload of the same file would go (models.version_path).
                name = version_path(version, version.filename)
                version.file.name = default_storage.save(name, ContentFile(data))
        made_at = [v.made_at for v in versions]
        DocumentVersion.objects.bulk_create(versions, batch_size=BATCH)
        _set_times(
            DocumentVersion,
            ["made_at"],
            [(w, v.pk) for w, v in zip(made_at, versions, strict=True)],
        )

    def _dates(self) -> None:
        """The times Django fills on insert, set to when the demo says things happened."""
        spaces = [plan.space.pk for plan in self.planned]
        started = self.today - dt.timedelta(days=DAYS_BACK + 14)
        Space.objects.filter(pk__in=spaces).update(created_at=started)
        SpaceMember.objects.filter(space_id__in=spaces).update(added_at=started)
        _set_times(
            Thread,
            ["created_at", "last_activity_at"],
            [
                (
                    post.thread.posted_at,
                    max([post.thread.posted_at] + [c.posted_at for c in post.comments]),
                    post.thread.pk,
                )
                for _plan, post in self.posts
            ],
        )
        Comment.objects.filter(thread__space_id__in=spaces).update(created_at=F("posted_at"))
        on_threads = Boost.objects.filter(thread__space_id__in=spaces)
        on_threads.update(created_at=_posted(Thread))
        on_comments = Boost.objects.filter(comment__thread__space_id__in=spaces)
        on_comments.update(created_at=_posted(Comment, "comment_id"))
        Document.objects.filter(space_id__in=spaces).update(
            created_at=Subquery(
                DocumentVersion.objects.filter(document_id=OuterRef("pk"), number=1).values(
                    "made_at"
                )[:1]
            )
        )


def _set_times(model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Set times of rows given as (value, ..., pk), in one executemany: bulk_update's CASE
    expressions took seconds for a few thousand rows."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{ops.quote_name(c)} = %s" for c in columns)
    sql = f"UPDATE {table} SET {sets} WHERE id = %s"  # noqa: S608
    values = [
        tuple(ops.adapt_datetimefield_value(v) for v in row[:-1]) + (row[-1],) for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _posted(model: type[Thread] | type[Comment], key: str = "thread_id") -> Subquery:
    return Subquery(model.objects.filter(pk=OuterRef(key)).values("posted_at")[:1])


def _file_bytes(title: str, extension: str, number: int, plan: Planned) -> bytes:
    """A small file of the kind its name says: version `number` grows a little each time."""
    place = plan.words.get("activity") or plan.words.get("hub") or plan.words.get("ncp") or ""
    if extension == ".csv":
        header = "School,Teachers taking part,Release time agreed,Session 1,Session 2,Session 3"
        rows = [
            f"School {i},{1 + i % 3},{'yes' if i % 4 else 'not yet'},"
            f"{'attended' if i % 5 else 'apologies'},{'attended' if number > 1 else ''},"
            f"{'attended' if number > 2 else ''}"
            for i in range(1, 5 + 2 * number)
        ]
        return ("\n".join([header, *rows]) + "\n").encode()
    lines = [
        f"{title}: {place}".rstrip(": "),
        f"Version {number}",
        "",
        "1. Welcome and what we tried since last time (15 minutes)",
        "2. Looking at pupils' work together (30 minutes)",
        "3. The mathematics: small steps and representations (30 minutes)",
        "4. Planning the gap task (15 minutes)",
    ]
    if number > 1:
        lines.append("5. Date and focus of the next session (5 minutes)")
    if number > 2:
        lines.append("Changed after feedback: more time for pupils' work, less for input.")
    return ("\n".join(lines) + "\n").encode()


def _revisions(title: str, rng: random.Random) -> list[str]:
    """Two or three revisions of a document written here, each changing a few words."""
    topic = rng.choice(TOPICS)
    if title == TEXTS["activity"]:
        first = (
            f"What is the effect of short daily practice on pupils' fluency in {topic}?\n\n"
            "We will look at pupils' work in the autumn and the summer."
        )
        second = (
            f"What is the effect of short daily practice on Year 4 pupils' fluency in {topic}?"
            "\n\nWe will look at pupils' work and ask pupils about it in the autumn and the "
            "summer."
        )
        third = second + "\n\nEach school will choose one class to follow through the year."
    else:
        first = (
            "Post here about our Work Groups and our hub's work.\n\n"
            "Please do not share pupils' names or photographs of pupils."
        )
        second = first + "\n\nPut documents for everyone in Documents, not in a thread."
        third = second.replace("Post here", "Post here (and reply to others)")
    return [first, second, third][: rng.choice((2, 3))]


def collaboration_build(
    *, rng: random.Random, now: dt.datetime, year: int = CURRENT_YEAR
) -> CollaborationReport:
    """Make the demo's spaces, posts, documents and choices (see the module docstring);
    `now` is the build date: every post is before it."""
    return CollaborationMaker(rng, now, year).build()
