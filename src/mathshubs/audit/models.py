"""The audit trail's history tables (ADR 0016): django-simple-history keeps a copy of a
record, as it stood, each time it is created, changed or deleted, with who and when.

The history models live in this app (`register(..., app="mathshubs.audit")`), so the
apps whose records are followed keep their models and migrations as they are, and every
history table is one migration of one app.

Copied into history: only the fields that say who is in what, and in which state.
Never copied (`excluded_fields`):
- requirements (dietary, access, other): sensitive personal data that a retention task
  erases after the event (`events.tasks.requirements_erase`); a copy would outlive it;
- secrets: join links and their tokens (password, code and API-token hashes are in
  tables that are not followed at all);
- large free text the trail does not need: a HAPPI draft (each submission is already
  kept whole as a `HappiVersion`), review comments, research questions;
- housekeeping times that change on their own (`loaded_at`, `updated_at`, link clicks).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from simple_history import register
from simple_history.models import HistoricalRecords

from mathshubs.activities.models import Activity, ActivitySchool, Participation
from mathshubs.catalogue.models import AcademicYear
from mathshubs.directory.models import Person, RoleAssignment
from mathshubs.evaluation.models import HappiSection
from mathshubs.events.models import Registration

APP = "mathshubs.audit"

REGISTRATION_NOT_COPIED = [
    "dietary_requirements",
    "access_requirements",
    "other_requirements",
    "requirements_erased_at",
    "join_url",
    "link_token",
    "link_clicked_at",
]


class AuditedRecords(HistoricalRecords):
    """History rows only for saves that change something the trail copies.

    A save limited to fields that are not copied (a person's requirements, a link click)
    would leave a row identical to the one before it: none is written for it.
    """

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


def _baseline(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A record the trail has never seen gets a row of how it stood, before its first change
    is saved, so that change shows its old values (audit.services.BASELINE)."""
    if raw or instance._state.adding or instance.pk is None:
        return
    from mathshubs.audit.services import history_baseline

    history_baseline(model=sender, pks=[instance.pk])


def _follow(model: Any, excluded: list[str] | None = None) -> None:
    register(model, app=APP, records_class=AuditedRecords, excluded_fields=excluded or [])
    pre_save.connect(_baseline, sender=model, dispatch_uid=f"audit-baseline-{model.__name__}")


_follow(Person, ["is_demo", "created_at"])
_follow(RoleAssignment)
_follow(AcademicYear, ["loaded_at", "source"])
# The activity: its grant follows from its project, its hub's role in it and its schools.
_follow(Activity, ["research_question", "created_by", "created_at"])
_follow(ActivitySchool)
_follow(Participation)
_follow(Registration, REGISTRATION_NOT_COPIED)
_follow(HappiSection, ["draft", "review_comment", "updated_at", "updated_by"])
