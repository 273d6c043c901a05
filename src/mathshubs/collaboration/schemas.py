"""Shapes of the collaboration spaces' API (ISSUE 13, part 6): what api.py and
api_documents.py answer and accept."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from mathshubs.activities.schemas import PersonRef, ProblemOut
from mathshubs.directory.schemas import Message

# How every API answers a refusal (401, 403, 404; 422 with the words by field).
ERRORS: dict[int, type[Schema]] = {401: Message, 403: Message, 404: Message, 422: ProblemOut}


class SpaceOut(Schema):
    id: int
    kind: str = Field(description="ncp_community, hub_community, activity or made")
    name: str
    academic_year: str | None = Field(description="As the programme writes it: 2023/24")
    hub: str | None = Field(description="The hub's slug, for a hub LLME Community")
    ncp_code: str | None
    activity_id: int | None
    threads: int = Field(description="Threads you see in it")


class SpaceDetailOut(SpaceOut):
    documents: int
    you_manage: bool


class ThreadIn(Schema):
    title: str
    body: str = Field(description="Rich text: safe formatting is kept, the rest removed")
    scheduled: bool = Field(False, description="Post at the next working morning, 08:00")


class ThreadChange(Schema):
    title: str | None = None
    body: str | None = None


class CommentIn(Schema):
    body: str
    scheduled: bool = False


class CommentChange(Schema):
    body: str


class BoostIn(Schema):
    text: str = Field(description="16 characters at most, like Thanks! or 👍")


class BoostOut(Schema):
    id: int
    person: PersonRef
    text: str
    created_at: dt.datetime


class PostFields(Schema):
    id: int
    author: PersonRef
    body: str = Field(description="Sanitised HTML; empty once taken down")
    posted_at: dt.datetime
    scheduled: bool = Field(description="Waiting for its time: only its author sees it")
    edited_at: dt.datetime | None
    taken_down: bool


class CommentOut(PostFields):
    thread_id: int
    boosts: list[BoostOut]


class ThreadOut(PostFields):
    space_id: int
    title: str
    last_activity_at: dt.datetime
    comments: int


class ThreadPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[ThreadOut]


class RevisionOut(Schema):
    comment_id: int | None
    action: str
    title: str
    body: str
    by: PersonRef
    at: dt.datetime


class ThreadDetailOut(ThreadOut):
    boosts: list[BoostOut]
    replies: list[CommentOut]
    you_may_change: bool
    you_manage: bool
    unsubscribed: bool
    history: list[RevisionOut] | None = Field(
        description="What posts said before an edit or a take-down: managers only"
    )


class VersionOut(Schema):
    number: int
    made_by: PersonRef
    made_at: dt.datetime
    size: int
    filename: str
    content_type: str
    restored_from: int | None
    download: str


class DocumentOut(Schema):
    id: int
    space_id: int
    title: str
    kind: str = Field(description="file (uploaded) or text (written here)")
    created_by: PersonRef
    created_at: dt.datetime
    versions: int
    public_link: str | None


class DocumentDetailOut(DocumentOut):
    text: str | None = Field(description="A written document's words as they stand")
    history: list[VersionOut]


class TextDocumentIn(Schema):
    title: str
    text: str


class TextVersionIn(Schema):
    text: str


class SettingIn(Schema):
    frequency: str = Field(description="each (each message), digest (daily) or none")


class SettingOut(Schema):
    space_id: int | None
    frequency: str
    own: bool = Field(
        description="Chosen here; otherwise it follows your choice for every space "
        "(or, for every space, the default: digest)"
    )


class SubscriptionOut(Schema):
    thread_id: int
    unsubscribed: bool
