"""Every write to a HAPPI form (ISSUE 10, part 1): create it, save a section's draft,
submit it, return or accept it, attach evidence. Each checks who asks (`rules.py`).

A section moves: Not started → In progress (a draft saved) → Submitted → Returned (with
a comment; the leads change it and submit again) or Accepted. An accepted section can be
changed again (the Plan changes, more progress is made): it is then In progress until
submitted again. While a section is Submitted its leads wait for the review. Every
submission is kept as a numbered version that never changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mathshubs.activities.models import Activity
from mathshubs.audit.services import history_user
from mathshubs.directory.rules import person_of
from mathshubs.evaluation import content as shapes
from mathshubs.evaluation.models import (
    SECTION_ORDER,
    HappiAttachment,
    HappiForm,
    HappiSection,
    HappiVersion,
    SectionKind,
    SectionStatus,
)
from mathshubs.evaluation.rules import can_review_happi, can_write_happi
from mathshubs.uploads import upload_problem

ONLY_LEADS_WRITE = (
    "Only the activity's leads can create and change its Plan, Progress, and Impact form"
)
ONLY_HUB_REVIEWS = "Only the staff of the activity's Maths Hub can return or accept a section"
WAIT_FOR_REVIEW = (
    "This section has been submitted and is waiting for the Maths Hub's review. You can "
    "change it once they return or accept it"
)
NOT_SUBMITTED = "Only a submitted section can be returned or accepted"
COMMENT_REQUIRED = "Say what needs changing, so the leads know what to do"
COMMENT_TOO_LONG = "The comment must be 5,000 characters or fewer"
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_TITLE_MISSING = "Enter a title for the evidence"
ATTACHMENTS_IMPACT_ONLY = "Evidence files belong to the Impact section"
UNKNOWN_OUTCOME = "Choose one of the plan's outcomes"
ATTACHMENT_SUBMITTED = (
    "This file is part of a submitted version, so it is kept with it. Upload a newer file "
    "beside it instead"
)


def _must_write(by: Any, activity: Activity) -> None:
    if not can_write_happi(by, activity):
        raise PermissionDenied(ONLY_LEADS_WRITE)


def happi_create(*, activity: Activity, by: Any) -> HappiForm:
    """Create the activity's form with its three sections, Not started (the activity's
    leads; a second click finds the form already there)."""
    _must_write(by, activity)
    existing = HappiForm.objects.filter(activity=activity).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            form = HappiForm.objects.create(activity=activity, created_by=person_of(by))
            bulk_create_with_history(
                [
                    HappiSection(form=form, kind=kind, draft=shapes.empty(kind))
                    for kind in SECTION_ORDER
                ],
                HappiSection,
                default_user=history_user(by),
            )
    except IntegrityError:  # created by a simultaneous click
        return HappiForm.objects.get(activity=activity)
    return form


def _locked(section: HappiSection) -> HappiSection:
    return (
        HappiSection.objects.select_for_update().select_related("form__activity").get(pk=section.pk)
    )


def _plan_of(section: HappiSection) -> dict[str, Any]:
    if section.kind == SectionKind.PLAN:
        return section.draft
    plan = HappiSection.objects.filter(form_id=section.form_id, kind=SectionKind.PLAN).first()
    return plan.draft if plan is not None else {}


def section_save(
    *, section: HappiSection, raw: Any, by: Any, now: dt.datetime | None = None
) -> HappiSection:
    """Save what the leads have written as the section's draft, complete or not (nothing
    typed is lost to a missing field). Refused while the section waits for review, and
    for a text over 5,000 characters (ValidationError naming it)."""
    _must_write(by, section.form.activity)
    content = shapes.normalise(section.kind, raw)
    with transaction.atomic():
        locked = _locked(section)
        if locked.status == SectionStatus.SUBMITTED:
            raise ValidationError({"__all__": WAIT_FOR_REVIEW})
        locked.draft = content
        fields = ["draft", "updated_at", "updated_by"]
        if locked.status in (SectionStatus.NOT_STARTED, SectionStatus.ACCEPTED):
            locked.status = SectionStatus.IN_PROGRESS
            fields.append("status")
        locked.updated_at = now or timezone.now()
        locked.updated_by = person_of(by)
        locked._history_user = history_user(by)  # type: ignore[attr-defined]
        # A draft saved again without a change of status leaves no row in the audit trail
        # (the draft is not copied there: ADR 0016); starting or reopening it does.
        locked.save(update_fields=fields)
    return locked


def _sessions(activity: Activity) -> list[dict[str, str]]:
    """The activity's events when the plan is submitted: the planned sessions."""
    from mathshubs.evaluation.selectors import planned_sessions

    rows = planned_sessions(activity)
    return [shapes.session_entry(e.title, e.starts_at) for e in rows.only("title", "starts_at")]


def section_submit(
    *, section: HappiSection, by: Any, now: dt.datetime | None = None
) -> HappiVersion:
    """Submit the section's draft for the hub's review, as a new numbered version. Refused,
    naming every missing part, when it is incomplete (`content.problems`); the Plan keeps
    the activity's sessions of the moment, the Impact section its evidence files."""
    _must_write(by, section.form.activity)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(section)
        if locked.status == SectionStatus.SUBMITTED:
            raise ValidationError({"__all__": WAIT_FOR_REVIEW})
        found = shapes.problems(locked.kind, locked.draft, _plan_of(locked))
        if found:
            raise ValidationError(found)
        content = dict(locked.draft)
        if locked.kind == SectionKind.PLAN:
            content["sessions"] = _sessions(locked.form.activity)
        if locked.kind == SectionKind.IMPACT:
            content["attachments"] = [
                {"title": a.title, "name": a.file.name.rsplit("/", 1)[-1], "outcome": a.outcome_key}
                for a in locked.attachments.all()
            ]
        number = locked.versions.count() + 1
        version = HappiVersion.objects.create(
            section=locked,
            number=number,
            content=content,
            submitted_at=now,
            submitted_by=person_of(by),
        )
        locked.status = SectionStatus.SUBMITTED
        locked.updated_at = now
        locked._history_user = history_user(by)  # type: ignore[attr-defined]
        locked.save(update_fields=["status", "updated_at"])
    return version


def _review(
    *, section: HappiSection, by: Any, status: str, comment: str, now: dt.datetime | None
) -> HappiSection:
    if not can_review_happi(by, section.form.activity):
        raise PermissionDenied(ONLY_HUB_REVIEWS)
    comment = (comment or "").strip()
    if status == SectionStatus.RETURNED and not comment:
        raise ValidationError({"comment": COMMENT_REQUIRED})
    if len(comment) > shapes.TEXT_MAX:
        raise ValidationError({"comment": COMMENT_TOO_LONG})
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(section)
        if locked.status != SectionStatus.SUBMITTED:
            raise ValidationError({"__all__": NOT_SUBMITTED})
        reviewer = person_of(by)
        locked.versions.filter(number=locked.versions.count()).update(
            review=status, review_comment=comment, reviewed_at=now, reviewed_by=reviewer
        )
        locked.status = status
        locked.review_comment, locked.reviewed_at, locked.reviewed_by = comment, now, reviewer
        locked._history_user = history_user(by)  # type: ignore[attr-defined]
        locked.save(update_fields=["status", "review_comment", "reviewed_at", "reviewed_by"])
    return locked


def section_return(
    *, section: HappiSection, by: Any, comment: str, now: dt.datetime | None = None
) -> HappiSection:
    """Send a submitted section back to the leads with what needs changing (hub staff)."""
    return _review(section=section, by=by, status=SectionStatus.RETURNED, comment=comment, now=now)


def section_accept(
    *, section: HappiSection, by: Any, comment: str = "", now: dt.datetime | None = None
) -> HappiSection:
    """Accept a submitted section, with a comment if wished (hub staff)."""
    return _review(section=section, by=by, status=SectionStatus.ACCEPTED, comment=comment, now=now)


def attachment_add(
    *, section: HappiSection, by: Any, title: str, file: UploadedFile | None, outcome_key: str = ""
) -> HappiAttachment:
    """Add a file of evidence to the Impact section, against one planned outcome or none:
    up to 20 MB, of a kind people open in their own tools, checked by its first bytes."""
    _must_write(by, section.form.activity)
    errors: dict[str, str] = {}
    if section.kind != SectionKind.IMPACT:
        errors["__all__"] = ATTACHMENTS_IMPACT_ONLY
    if section.status == SectionStatus.SUBMITTED:
        errors["__all__"] = WAIT_FOR_REVIEW
    if not (title or "").strip():
        errors["title"] = ATTACHMENT_TITLE_MISSING
    outcomes = {o["key"] for o in shapes.outcomes_of(_plan_of(section))}
    if outcome_key and outcome_key not in outcomes:
        errors["outcome"] = UNKNOWN_OUTCOME
    content_type, problem = upload_problem(file, max_bytes=ATTACHMENT_MAX_BYTES)
    if problem:
        errors["file"] = problem
    if errors:
        raise ValidationError(errors)
    assert file is not None
    attachment = HappiAttachment(
        section=section,
        outcome_key=outcome_key,
        title=title.strip()[:255],
        size=file.size or 0,
        content_type=content_type,
        uploaded_by=person_of(by),
    )
    attachment.file.save(file.name or "evidence", file, save=False)
    attachment.save()
    return attachment


def attachment_delete(*, attachment: HappiAttachment, by: Any) -> None:
    """Remove an evidence file not yet submitted (the leads). A submitted version keeps
    its title and name in its record."""
    section = attachment.section
    _must_write(by, section.form.activity)
    if section.status == SectionStatus.SUBMITTED:
        raise ValidationError({"__all__": WAIT_FOR_REVIEW})
    if section.versions.filter(submitted_at__gte=attachment.uploaded_at).exists():
        raise ValidationError({"__all__": ATTACHMENT_SUBMITTED})
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name) if name else None)


TICK_BY_PLATFORM = "The platform ticks this item itself when it happens"
UNKNOWN_ITEM = "There is no item like that on the evaluation timeline"


def timeline_tick(
    *, activity: Activity, item: str, by: Any, ticked: bool, now: dt.datetime | None = None
) -> None:
    """Tick (or untick) one item of the activity's evaluation timeline that the platform
    cannot see for itself (the activity's leads); refused for an item that ticks itself."""
    from mathshubs.evaluation.timeline import ITEM_KEYS

    if item not in ITEM_KEYS:
        raise ValidationError({"item": UNKNOWN_ITEM})
    changed = timeline_ticks_save(activity=activity, by=by, changes={item: ticked}, now=now)
    if item not in changed:
        raise ValidationError({"item": TICK_BY_PLATFORM})


def timeline_ticks_save(
    *, activity: Activity, by: Any, changes: dict[str, bool], now: dt.datetime | None = None
) -> set[str]:
    """Tick or untick the items in `changes` (item -> ticked) that the lead ticks by hand,
    working the timeline out once; returns the items that may be ticked by hand among
    them (an item that ticks itself is left to the platform)."""
    from mathshubs.evaluation.models import TimelineTick
    from mathshubs.evaluation.timeline import timelines_for

    _must_write(by, activity)
    by_hand = {e.item.key for e in timelines_for([activity])[activity.pk].entries if e.by_hand}
    chosen = {item: ticked for item, ticked in changes.items() if item in by_hand}
    with transaction.atomic():
        for item, ticked in chosen.items():
            if ticked:
                TimelineTick.objects.get_or_create(
                    activity=activity,
                    item=item,
                    defaults={"ticked_by": person_of(by), "ticked_at": now or timezone.now()},
                )
            else:
                TimelineTick.objects.filter(activity=activity, item=item).delete()
    return set(chosen)


ONLY_NATIONAL_NAMES_LEADS = "Only the national team can name a project's Project Leads"
ALREADY_PROJECT_LEAD = "{name} is already a Project Lead of {code}"


def project_lead_add(*, ncp: Any, person: Any, by: Any) -> None:
    """Name a national Project Lead of an NCP, who then reads the HAPPI forms of every
    activity of it (the national team)."""
    from mathshubs.directory.rules import is_national
    from mathshubs.evaluation.models import ProjectLead

    if not is_national(by):
        raise PermissionDenied(ONLY_NATIONAL_NAMES_LEADS)
    _row, created = ProjectLead.objects.get_or_create(ncp=ncp, person=person)
    if not created:
        raise ValidationError(
            {"email": ALREADY_PROJECT_LEAD.format(name=person.full_name, code=ncp.code)}
        )


def project_lead_remove(*, ncp: Any, person_id: int, by: Any) -> None:
    from mathshubs.directory.rules import is_national
    from mathshubs.evaluation.models import ProjectLead

    if not is_national(by):
        raise PermissionDenied(ONLY_NATIONAL_NAMES_LEADS)
    ProjectLead.objects.filter(ncp=ncp, person_id=person_id).delete()
