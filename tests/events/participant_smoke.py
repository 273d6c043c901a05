"""Smoke-test samples for the participant's event pages (merged into tests/access/samples.py)."""

from mathshubs.events.models import EventDocument
from tests import factories as f


def _event(c):
    return [f.EventFactory(activity=c.activity).pk]


def _document(c):
    event = f.EventFactory(activity=c.activity)
    document = EventDocument.objects.create(event=event, title="Agenda", file="events/x/none.pdf")
    return [event.pk, document.pk]


SAMPLES = {
    "events:list": lambda c: ([], "?tab=upcoming"),
    "events:detail": lambda c: (_event(c), ""),
    "events:confirm": lambda c: (_event(c), ""),
    "events:cancel": lambda c: (_event(c), ""),
    "events:waiting_join": lambda c: (_event(c), ""),
    "events:waiting_leave": lambda c: (_event(c), ""),
    "events:requirements": lambda c: (_event(c), ""),
    "events:connect": lambda c: (["no-such-token"], ""),
    "events:document_upload": lambda c: (_event(c), ""),
    "events:document_download": lambda c: (_document(c), ""),
    "events:document_delete": lambda c: (_document(c), ""),
    "events:comment_add": lambda c: (_event(c), ""),
}
# Pat takes part in the activity and Leo leads it; Harriet is its hub's staff; Nadia is
# national; Sam and Simon belong to another hub and must not learn the event exists.
