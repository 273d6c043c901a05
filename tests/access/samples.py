"""Sample arguments for every route with parameters: a function of the cast giving
(args, query string) or (args, query string, form or JSON body). The sample makes the real
objects a request needs (an event of Leo's activity, a thread in its space...).

Each app keeps its own samples in tests/<app>/smoke.py (SAMPLES), so that parts of the
platform built side by side do not edit one shared table; they are merged here.
"""

from __future__ import annotations

from collections.abc import Callable

# name -> a function of the cast giving (args, query string).
SAMPLES: dict[str, Callable] = {
    "directory:hub_detail": lambda c: ([c.north.slug], ""),
    "directory:institution_detail": lambda c: ([c.north_school.urn], ""),
    "directory:person_detail": lambda c: ([c.pat.person.pk], ""),
    "directory:person_email": lambda c: ([c.pat.person.pk], ""),
    "directory:find_hub": lambda c: ([], "?q=North+Primary"),
    "directory:institution_list": lambda c: ([], "?q=primary&phase=primary&hub=north"),
    "accounts:token_revoke": lambda c: ([999999], ""),
    "api:hub_detail": lambda c: ([c.north.pk], ""),
    "api:institution_detail": lambda c: ([c.north_school.urn], ""),
    "api:find_hub": lambda c: ([], "?q=Northshire"),
}


def _merge_app_samples() -> None:
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".smoke") or module.name.endswith("_smoke"):
            found = importlib.import_module(module.name)
            SAMPLES.update(getattr(found, "SAMPLES", {}))


_merge_app_samples()


# Where an app's sample stops short of a real object (a file that was never stored, an
# export not yet made, a body no one could be allowed to send), the matrix's own sample
# reaches one, so that each row tries the rule and not only "not found".
def _stored(name: str, content: bytes = b"a,b\n"):
    from django.core.files.base import ContentFile

    return ContentFile(content, name=name)


def _event_document(c):
    from mathshubs.events.models import EventDocument, Registration
    from tests import factories as f

    event = f.EventFactory(activity=c.activity)
    document = EventDocument(event=event, title="Agenda")
    document.file.save("agenda.csv", _stored("agenda.csv"), save=True)
    Registration.objects.create(event=event, person=c.pat.person, status="confirmed")
    return [event.pk, document.pk], ""


def _pats_link(c):
    from mathshubs.events.models import Registration
    from tests import factories as f

    event = f.EventFactory(activity=c.activity, meeting_url="https://meet.example/room")
    Registration.objects.create(
        event=event, person=c.pat.person, status="confirmed", link_token="pats-own-link"
    )
    return ["pats-own-link"], ""


def _harriets_finished_export(c):
    from django.utils import timezone

    from mathshubs.reporting.models import ExportStatus, ReportExport

    export = ReportExport(
        requested_by=c.harriet,
        kind="report-pdf",
        academic_year=2023,
        scope_label="North",
        status=ExportStatus.DONE,
        finished_at=timezone.now(),
    )
    export.file.save("report.pdf", _stored("report.pdf", b"%PDF-1.4\n"), save=True)
    return [export.pk], ""


def _text_document(c):
    from mathshubs.collaboration import documents
    from mathshubs.collaboration.membership import spaces_for
    from mathshubs.collaboration.models import SpaceKind

    space = next(s for s in spaces_for(c.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    document = documents.text_write(user=c.leo, space=space, title="Plan", text="Week 1")
    documents.text_write(user=c.leo, space=space, text="Week 1 and 2", document=document)
    return [space.pk, document.pk]


def _happi_started(c):
    from mathshubs.evaluation.services import happi_create

    happi_create(activity=c.activity, by=c.leo)
    return [c.activity.pk], ""


def _pats_token(c):
    """A token of Pat's: Pat revokes it; anyone else's revoke finds no such token."""
    from mathshubs.accounts.services import api_token_create

    return [api_token_create(user=c.pat, name="Pat's laptop").token.pk], ""


def _happi_versions(c, kind="plan"):
    """Leo's form with two submitted versions of a section (as the hub returned the first)."""
    from django.utils import timezone

    from mathshubs.evaluation.models import HappiVersion
    from mathshubs.evaluation.services import happi_create

    section = happi_create(activity=c.activity, by=c.leo).sections.get(kind=kind)
    for number in (1, 2):
        HappiVersion.objects.create(
            section=section,
            number=number,
            content={},
            submitted_at=timezone.now(),
            submitted_by=c.leo.person,
        )
    return [c.activity.pk, kind]


SAMPLES.update(
    {
        "evaluation:version": lambda c: ([*_happi_versions(c), 1], ""),
        "evaluation:compare": lambda c: (_happi_versions(c, "progress"), "?from=1&to=2"),
        "api:happi_version": lambda c: ([*_happi_versions(c), 1], ""),
        "api:happi_compare": lambda c: (_happi_versions(c), "?from=1&to=2"),
        "events:document_download": _event_document,
        "events:connect": _pats_link,
        "reporting:export_download": _harriets_finished_export,
        "reporting:export_start": lambda c: ([2023], "", {"kind": "report-pdf"}),
        "collaboration:document_edit": lambda c: (_text_document(c), ""),
        "collaboration:document_restore": lambda c: (_text_document(c), "", {"version": "1"}),
        "catalogue:project_move": lambda c: (
            ["2023-24", c.mastery_readiness.slug],
            "",
            {"direction": "down"},
        ),
        "evaluation:attachment_upload": _happi_started,
        "api:activity_create": lambda c: ([], "", {"hub": c.north.slug, "title": "Matrix"}),
        "api:no_such_operation": lambda c: (["no/such/operation"], ""),
        "accounts:token_revoke": _pats_token,
    }
)


def sample(name: str, cast) -> tuple[list, str, dict | None]:
    """(args, query string, form or body) for the route: its sample, or none needed."""
    found = SAMPLES.get(name, lambda c: ([], ""))(cast)
    return (*found, None) if len(found) == 2 else found
