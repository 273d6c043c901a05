"""Collaboration spaces (ISSUE 13): where LLMEs, hub staff and the national team talk and
share documents, as the LLME handbook's "Basecamp" section describes.

A space of a community or an activity takes its members from the programme's records as
they stand (`membership.py`): an LLME who starts leading an activity of the NCP is in its
community's space; one withdrawn is not, and their posts stay. Spaces made by hand have
the members added to them (`SpaceMember`). Posts keep their history: an edit or a
deletion keeps what was there before (`PostRevision`), for the space's managers.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from mathshubs.directory.models import Person


class SpaceKind(models.TextChoices):
    NCP_COMMUNITY = "ncp_community", "NCP LLME Community"
    HUB_COMMUNITY = "hub_community", "Hub LLME Community"
    ACTIVITY = "activity", "Activity"
    MADE = "made", "Made by hand"


class Space(models.Model):
    kind = models.CharField(max_length=20, choices=SpaceKind.choices)
    name = models.CharField(max_length=200)
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ncp = models.ForeignKey(
        "catalogue.NCP", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    hub = models.ForeignKey(
        "directory.Hub", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    activity = models.OneToOneField(
        "activities.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ncp", "academic_year"],
                condition=models.Q(kind="ncp_community"),
                name="one_ncp_community_space",
            ),
            models.UniqueConstraint(
                fields=["hub", "academic_year"],
                condition=models.Q(kind="hub_community"),
                name="one_hub_community_space",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SpaceMember(models.Model):
    """Someone added to a space made by hand, or made a manager of any space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="added")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    manager = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], name="one_space_member_row")
        ]


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField()  # sanitised HTML (sanitise.py)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the others see it: now, or the next working morning if the author scheduled it.
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When its "each message" emails went (claimed once by notify.post_notify).
    notified_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["space", "-last_activity_at"], name="thread_latest")]

    def __str__(self) -> str:
        return self.title

    @property
    def scheduled(self) -> bool:
        return self.posted_at > timezone.now()


class Comment(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()  # sanitised HTML
    created_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "created_at"], name="comment_order")]

    @property
    def scheduled(self) -> bool:
        return self.posted_at > timezone.now()


class PostRevision(models.Model):
    """What a thread or comment said before an edit or a deletion."""

    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    action = models.CharField(max_length=10)  # "edited" or "deleted"
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)


class Boost(models.Model):
    """A short reaction on a thread or a comment: everyone sees it, no one is notified."""

    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="boosts"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="boosts"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)


class DocumentKind(models.TextChoices):
    FILE = "file", "Uploaded file"
    TEXT = "text", "Written here"


class Document(models.Model):
    """A document of a space: an uploaded file, or text written in the platform. Every
    version is kept (`DocumentVersion`); the latest is the document as it stands."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # A public link, only where the space's manager made one; revoked by clearing it.
    public_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    def __str__(self) -> str:
        return self.title


def version_path(version: DocumentVersion, filename: str) -> str:
    return f"spaces/{version.document.space_id}/{version.document_id}/{version.number}/{filename}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=version_path, max_length=500, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)  # a written document's words
    made_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="one_document_version_number"
            )
        ]
        ordering = ["document", "-number"]


# -- notifications (ISSUE 13, part 4) ---------------------------------------------------


class Frequency(models.TextChoices):
    EACH = "each", "Each message"
    DIGEST = "digest", "Daily digest"
    NONE = "none", "None"


DEFAULT_FREQUENCY = Frequency.DIGEST
"""Someone who has chosen nothing gets the daily digest: the handbook's advice ("a useful
way of keeping abreast of everything"), and a leader in many spaces is not woken by each
message."""


class NotificationSetting(models.Model):
    """How a person hears of a space's news: `space` empty is their choice for every space
    they have not set on its own."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "space"], name="one_notification_setting_per_space"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(space__isnull=True),
                name="one_default_notification_setting",
            ),
        ]


class ThreadUnsubscribe(models.Model):
    """ "Unsubscribe me": no more emails of the thread's comments; still readable, and an
    @mention still reaches them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="unsubscribed")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="one_thread_unsubscribe")
        ]


class Mention(models.Model):
    """An @mention of a member in a thread or comment."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="mentions")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["person", "-at"], name="mention_latest")]


class SpaceVisit(models.Model):
    """When a person last looked at a space: their home shows what is new since."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "space"], name="one_space_visit")]


class DigestRun(models.Model):
    """The daily digest of one London day's news: one row per day, claimed by whichever
    worker gets there first, so a day's digest never goes twice."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
