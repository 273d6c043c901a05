"""Erasure (ISSUE 14, part 2; UK GDPR, the right to erasure; ADR 0017).

A person erased is replaced by an anonymous stub: the same row, so every count made of
their participations, registrations, attendance, roles and survey completions stays true,
with every personal field blanked or replaced, their account unusable, and every file
they uploaded gone from storage. One transaction; a second run finds the stub and does
nothing."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mathshubs.accounts.models import ApiToken, LoginFailure, User, VerificationCode
from mathshubs.activities.models import Participation
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    DocumentVersion,
    Mention,
    NotificationSetting,
    PostRevision,
    SpaceMember,
    SpaceVisit,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.directory.models import EmailChange, Person
from mathshubs.evaluation.models import (
    HappiAttachment,
    IdentifiedResponse,
    PseudonymousResponse,
    SurveySeries,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import (
    AttendanceImport,
    CalendarFeed,
    Event,
    EventComment,
    EventDocument,
    Registration,
)
from mathshubs.events.services.registrations import REQUIREMENTS_FIELDS
from mathshubs.privacy.models import Erasure, ErasureReason
from mathshubs.reporting.models import ReportExport

ERASED_FIRST_NAME = "Erased"
ERASED_LAST_NAME = "person"
REMOVED_POST = "<p>Removed: the author's data was erased.</p>"
REMOVED_TITLE = "Removed"
REMOVED_FILE = "Removed: the uploader's data was erased."
CONFIRMATION_WRONG = "Enter the person's full name exactly as shown to confirm the erasure"


def erased_email(person_id: int) -> str:
    """Unique (people's emails are) and never deliverable (RFC 6761 reserves .invalid)."""
    return f"erased-{person_id}@invalid"


def _scrub(text: str, words: list[str]) -> str:
    """The words (a name, an email) replaced where they stand as whole words: "Jo Li" goes
    from "thanks Jo Li" but "Jo Lives" stays."""
    for word in words:
        pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)"
        text = re.sub(pattern, "Erased person", text, flags=re.IGNORECASE)
    return text


def _scrub_json(value: Any, words: list[str]) -> Any:
    if isinstance(value, str):
        return _scrub(value, words)
    if isinstance(value, list):
        return [_scrub_json(item, words) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_json(item, words) for key, item in value.items()}
    return value


def _exactly(field: str, values: list[str]) -> Q:
    found = Q(pk__in=[])
    for value in values:
        found |= Q(**{f"{field}__iexact": value})
    return found


def _named(field: str, words: list[str]) -> Q:
    found = Q(pk__in=[])  # no words: nothing (an empty Q would match every row)
    for word in words:
        found |= Q(**{f"{field}__icontains": word})
    return found


def _delete_files(rows: list[Any], field: str = "file") -> None:
    for row in rows:
        file = getattr(row, field)
        if file:
            file.delete(save=False)


def _sessions_delete(user_ids: list[int]) -> int:
    wanted = {str(pk) for pk in user_ids}
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) in wanted
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _history_delete(person: Person, user_ids: list[int]) -> None:
    """django-simple-history, when installed: the person's own history rows (of their
    record and their account), and every history row of records that carried their
    personal data, go; rows they made elsewhere lose the link to them."""
    if not apps.is_installed("simple_history"):
        return
    for model in apps.get_models():
        if not hasattr(model, "instance_type"):  # simple-history's historical models
            continue
        original = model.instance_type
        rows: Any = model._default_manager
        if original is Person:
            rows.filter(id=person.pk).delete()
            continue
        if original is User:
            rows.filter(id__in=user_ids).delete()
            continue
        names = {f.name for f in model._meta.get_fields()}
        if "person" in names:
            rows.filter(person_id=person.pk).delete()
        if "history_user" in names and user_ids:
            rows.filter(history_user_id__in=user_ids).update(history_user=None)


def person_erase(
    *, person: Person, by: Person | None, reason: str = ErasureReason.REQUEST
) -> Erasure:
    """Replace the person by an anonymous stub, in one transaction; idempotent: the row
    lock and the `Erasure` row make a second (or a concurrent) erasure return the first."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        done = Erasure.objects.filter(person=person).first()
        if done is not None:
            return done
        users = list(User.objects.filter(person=person))
        user_ids = [user.pk for user in users]
        emails = {person.email.lower(), *(user.email.lower() for user in users)}
        for pair in EmailChange.objects.filter(person=person).values_list("old_email", "new_email"):
            emails |= {e.lower() for e in pair}
        # Longest first: an email is replaced before a name inside it.
        words = sorted({person.full_name, *emails} - {""}, key=len, reverse=True)
        _account_erase(person, users, sorted(emails))
        _events_erase(person, words)
        Participation.objects.filter(person=person).update(withdrawal_reason="")
        _evaluation_erase(person, words)
        _spaces_erase(person, words)
        person.first_name = ERASED_FIRST_NAME
        person.last_name = ERASED_LAST_NAME
        person.email = erased_email(person.pk)
        person.save(update_fields=["first_name", "last_name", "email"])
        # Last: a save of a followed record may write history (its own row, and a row of
        # how it stood before if the trail had none), and none of it may stay.
        _history_delete(person, user_ids)
        return Erasure.objects.create(person=person, reason=reason, at=timezone.now(), by=by)


def _account_erase(person: Person, users: list[User], emails: list[str]) -> None:
    """The account: unusable, signed out everywhere, no tokens, codes or exports."""
    user_ids = [user.pk for user in users]
    for user in users:
        user.email = erased_email(person.pk) if len(users) == 1 else f"erased-u{user.pk}@invalid"
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.last_login = None
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    ApiToken.objects.filter(user_id__in=user_ids).delete()
    _sessions_delete(user_ids)
    VerificationCode.objects.filter(_exactly("email", emails)).delete()
    LoginFailure.objects.filter(_exactly("email", emails)).delete()
    EmailChange.objects.filter(person=person).delete()
    exports = list(ReportExport.objects.filter(requested_by_id__in=user_ids))
    _delete_files(exports)
    ReportExport.objects.filter(pk__in=[e.pk for e in exports]).delete()


def _events_erase(person: Person, words: list[str]) -> None:
    """Requirements, join links, comments, uploads; attendance stays (the counts)."""
    Registration.objects.filter(person=person).update(
        **dict.fromkeys(REQUIREMENTS_FIELDS, ""),
        requirements_erased_at=timezone.now(),
        join_url="",
        link_token="",
    )
    EventComment.objects.filter(author=person).update(body=REMOVED_POST)
    documents = list(EventDocument.objects.filter(uploaded_by=person))
    _delete_files(documents)
    EventDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    CalendarFeed.objects.filter(person=person).delete()
    Event.objects.filter(contact_email__iexact=person.email).update(contact_email="")
    Event.objects.filter(contact_name__iexact=person.full_name).update(contact_name="")
    for report in AttendanceImport.objects.filter(_named("unmatched", words)):
        report.unmatched = [row for row in report.unmatched if _scrub(str(row), words) == str(row)]
        report.save(update_fields=["unmatched"])


def _evaluation_erase(person: Person, words: list[str]) -> None:
    """Evidence they uploaded goes; their answers stay for the figures, without a name."""
    attachments = list(HappiAttachment.objects.filter(uploaded_by=person))
    _delete_files(attachments)
    HappiAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    for response in IdentifiedResponse.objects.filter(person=person):
        response.answers = _scrub_json(response.answers, words)
        response.save(update_fields=["answers"])
    _pseudonyms_rekey(person)


def _spaces_erase(person: Person, words: list[str]) -> None:
    """Their posts' words go and the threads stay (others replied); their name goes from
    others' posts; their uploads go from storage, others' versions stay."""
    Thread.objects.filter(author=person).update(title=REMOVED_TITLE, body=REMOVED_POST)
    Comment.objects.filter(author=person).update(body=REMOVED_POST)
    PostRevision.objects.filter(
        Q(by=person) | Q(thread__author=person) | Q(comment__author=person)
    ).update(title="", body=REMOVED_POST)
    for thread in Thread.objects.filter(_named("title", words) | _named("body", words)):
        thread.title, thread.body = _scrub(thread.title, words), _scrub(thread.body, words)
        thread.save(update_fields=["title", "body"])
    for comment in Comment.objects.filter(_named("body", words)):
        comment.body = _scrub(comment.body, words)
        comment.save(update_fields=["body"])
    for revision in PostRevision.objects.filter(_named("body", words) | _named("title", words)):
        revision.body, revision.title = _scrub(revision.body, words), _scrub(revision.title, words)
        revision.save(update_fields=["body", "title"])
    versions = list(DocumentVersion.objects.filter(made_by=person))
    _delete_files(versions)
    DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        file="", filename=REMOVED_FILE, text=REMOVED_FILE, size=0
    )
    Boost.objects.filter(person=person).delete()
    NotificationSetting.objects.filter(person=person).delete()
    ThreadUnsubscribe.objects.filter(person=person).delete()
    Mention.objects.filter(person=person).delete()
    SpaceVisit.objects.filter(person=person).delete()
    SpaceMember.objects.filter(person=person).delete()


def _pseudonyms_rekey(person: Person) -> int:
    """Their pseudonymous answers stay for the figures, but the server can no longer find
    them from their id: in a series of pseudonymous surveys only, their pseudonym becomes
    a random one (the same within the series, so autumn and summer answers still match).
    In a series with an identified survey too, the two are matched by recomputing the
    pseudonym from the identified answer's person, which is now the anonymous stub: the
    pseudonym stays, pointing at no one."""
    changed = 0
    only_pseudonymous = SurveySeries.objects.filter(surveys__pseudonymous=True).exclude(
        surveys__pseudonymous=False
    )
    for series in only_pseudonymous.distinct():
        old = pseudonym_of(series_secret=series.secret, person_id=person.pk)
        changed += PseudonymousResponse.objects.filter(survey__series=series, pseudonym=old).update(
            pseudonym="x" + secrets.token_hex(31)
        )
    return changed


def erasure_confirm(*, person: Person, typed: str) -> None:
    """The page asks for the person's full name, so the wrong person is not erased by a
    slip: the name typed must match (spaces and case aside)."""
    from django.core.exceptions import ValidationError

    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    if not typed or norm(typed) != norm(person.full_name):
        raise ValidationError({"full_name": CONFIRMATION_WRONG})
