"""The retention schedule (ISSUE 14, part 2; docs/privacy.md): one function per kind of
personal data, each deleting or de-identifying what is older than `settings.RETENTION`
allows, and returning how many rows it changed. `tasks.retention_enforce` runs them all
daily. Three kinds are enforced by tasks that were there before and stay where they are
(`KINDS_ELSEWHERE`)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from mathshubs.accounts.models import LoginFailure, User, VerificationCode
from mathshubs.activities.models import Activity, Participation
from mathshubs.dates import academic_year_of
from mathshubs.directory.models import Person, RoleAssignment
from mathshubs.evaluation.models import IdentifiedResponse, PseudonymousResponse, SurveySeries
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import AttendanceImport, EventDocument, Registration
from mathshubs.privacy.models import DeidentifiedSeries, Erasure, ErasureReason
from mathshubs.privacy.services import person_erase


def _cutoff(kind: str, now: dt.datetime | None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.RETENTION[kind])


def verification_codes_delete(*, now: dt.datetime | None = None) -> int:
    """Sign-in codes (hashed, with the address they went to): needed for 15 minutes, then
    only to count sends per hour."""
    deleted, _ = VerificationCode.objects.filter(
        created_at__lt=_cutoff("verification_codes", now)
    ).delete()
    return deleted


def login_failures_delete(*, now: dt.datetime | None = None) -> int:
    """Failed sign-ins (an address and a time), counted over LOGIN_FAILURE_WINDOW_MINUTES."""
    deleted, _ = LoginFailure.objects.filter(at__lt=_cutoff("login_failures", now)).delete()
    return deleted


def join_link_clicks_erase(*, now: dt.datetime | None = None) -> int:
    """When a person used their Connect link, and the link itself: kept after an online
    event while its attendance may still be questioned."""
    ended_before = _cutoff("join_link_clicks", now)
    held = ~Q(link_token="") | ~Q(join_url="") | Q(link_clicked_at__isnull=False)
    return Registration.objects.filter(held, event__ends_at__lt=ended_before).update(
        link_clicked_at=None, link_token="", join_url=""
    )


def event_documents_delete(*, now: dt.datetime | None = None) -> int:
    """An event's shared files (they may name attendees), with their files in storage."""
    old = list(EventDocument.objects.filter(event__ends_at__lt=_cutoff("event_documents", now)))
    for document in old:
        document.file.delete(save=False)
    EventDocument.objects.filter(pk__in=[d.pk for d in old]).delete()
    return len(old)


def attendance_reports_clear(*, now: dt.datetime | None = None) -> int:
    """The unmatched rows (names and emails) of a videoconference report, kept for matching
    by hand; the counts of the import stay."""
    return (
        AttendanceImport.objects.filter(imported_at__lt=_cutoff("attendance_reports", now))
        .exclude(unmatched=[])
        .update(unmatched=[])
    )


def survey_answers_deidentify(*, now: dt.datetime | None = None) -> int:
    """Answers stay for the figures, but stop leading to the person once every survey of
    their series (a year's autumn and summer surveys) closed longer ago than the period.
    A whole series at a time, once (`DeidentifiedSeries`), so its answers still match:

    - an identified answer moves to an anonymous respondent stub (one per person and run);
    - a pseudonymous answer of someone who also answered identified in the series (the
      two are matched by recomputing the pseudonym: results/comparison.py) takes the
      stub's pseudonym; any other gets a random one, the same for its whole series;
    - answers of people already erased stay with their stubs, which name no one.

    Completions (who submitted, for the completion figures) stay."""
    closed_before = _cutoff("survey_answers", now).date()
    due = list(
        SurveySeries.objects.filter(deidentified__isnull=True)
        .annotate(last=Max("surveys__closes_on"))
        .filter(last__lt=closed_before)
    )
    stubs: dict[int, Person] = {}
    changed = 0
    with transaction.atomic():
        for series in due:
            # Claimed first: a second run at the same time stops here, changing nothing.
            DeidentifiedSeries.objects.create(series=series, at=timezone.now())
            changed += _series_deidentify(series, stubs)
    return changed


def _series_deidentify(series: SurveySeries, stubs: dict[int, Person]) -> int:
    identified = IdentifiedResponse.objects.filter(survey__series=series)
    people = sorted(set(identified.values_list("person_id", flat=True)))
    erased = set(Erasure.objects.filter(person_id__in=people).values_list("person_id", flat=True))
    keep: set[str] = set()
    new_pseudonym: dict[str, str] = {}
    changed = 0
    for person_id in people:
        mine = pseudonym_of(series_secret=series.secret, person_id=person_id)
        if person_id in erased:
            keep.add(mine)
            continue
        if person_id not in stubs:
            stubs[person_id] = Person.objects.create(
                first_name="Survey", last_name="respondent", email=_stub_email()
            )
            Erasure.objects.create(
                person=stubs[person_id], reason=ErasureReason.RESPONDENT, at=timezone.now()
            )
        stub = stubs[person_id]
        changed += identified.filter(person_id=person_id).update(person=stub)
        new_pseudonym[mine] = pseudonym_of(series_secret=series.secret, person_id=stub.pk)
    pseudonymous = PseudonymousResponse.objects.filter(survey__series=series)
    for pseudonym in sorted(set(pseudonymous.values_list("pseudonym", flat=True)) - keep):
        # "x" marks a random pseudonym: an HMAC's hex digest never has one.
        fresh = new_pseudonym.get(pseudonym) or "x" + secrets.token_hex(31)
        changed += pseudonymous.filter(pseudonym=pseudonym).update(pseudonym=fresh)
    return changed


def _stub_email() -> str:
    return f"respondent-{secrets.token_hex(8)}@invalid"


def inactive_accounts_erase(*, now: dt.datetime | None = None) -> int:
    """People whose account has not been used for the period (never signed in: since it
    was made) are erased as on request, unless the programme still counts on them: an
    ongoing role (the national team), or a role, a place or a lead in this academic year
    or the last (a teacher can take part without signing in: their hub keeps the record)."""
    before = _cutoff("inactive_accounts", now)
    recent = academic_year_of(timezone.localtime(now or timezone.now()).date()) - 1
    held = RoleAssignment.objects.filter(
        Q(academic_year__isnull=True) | Q(academic_year__gte=recent)
    ).values("person_id")
    taking_part = Participation.objects.filter(activity__academic_year__gte=recent)
    leading = Activity.leads.through.objects.filter(activity__academic_year__gte=recent)
    idle = (
        User.objects.filter(person__isnull=False, person__erasure__isnull=True)
        .filter(Q(last_login__lt=before) | Q(last_login__isnull=True, date_joined__lt=before))
        .exclude(person_id__in=held)
        .exclude(person_id__in=taking_part.values("person_id"))
        .exclude(person_id__in=leading.values("person_id"))
        .values_list("person_id", flat=True)
    )
    count = 0
    for person in Person.objects.filter(pk__in=list(idle)):
        person_erase(person=person, by=None, reason=ErasureReason.INACTIVE)
        count += 1
    return count


KINDS: dict[str, Callable[..., int]] = {
    "verification_codes": verification_codes_delete,
    "login_failures": login_failures_delete,
    "join_link_clicks": join_link_clicks_erase,
    "event_documents": event_documents_delete,
    "attendance_reports": attendance_reports_clear,
    "survey_answers": survey_answers_deidentify,
    "inactive_accounts": inactive_accounts_erase,
}
# Enforced by the tasks that were there first (ops/schedule.py runs them hourly).
KINDS_ELSEWHERE = {
    "sessions": "mathshubs.ops.tasks.sessions_clear",
    "requirements": "mathshubs.events.tasks.requirements_erase",
    "report_exports": "mathshubs.reporting.tasks.exports_erase",
}


def retention_enforce(*, now: dt.datetime | None = None) -> dict[str, int]:
    return {kind: enforce(now=now) for kind, enforce in KINDS.items()}
