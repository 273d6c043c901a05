"""Smoke-test samples for the participant's event pages (merged into tests/test_smoke.py)."""

from mathshubs.events.models import EventDocument
from tests import factories as f

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]


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
_SEES = {"anonymous": 302, "nadia": 200, "harriet": 200, "leo": 200, "pat": 200}
_POST_ONLY = {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 405)}
EXPECTED = {
    "events:list": dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": 302},
    "events:detail": {**_SEES, "sam": 404, "simon": 404},
    "events:cancel": {**_SEES, "sam": 404, "simon": 404},
    "events:confirm": _POST_ONLY,
    "events:waiting_join": _POST_ONLY,
    "events:requirements": _POST_ONLY,
    "events:comment_add": _POST_ONLY,
    "events:connect": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 404)},
    # Only organisers add documents: Leo leads the activity, Harriet staffs its hub.
    "events:document_upload": {
        "anonymous": 302,
        "nadia": 404,
        "harriet": 200,
        "leo": 200,
        "pat": 404,
        "sam": 404,
        "simon": 404,
    },
    # The file is missing on purpose: nobody gets it, and nobody gets a 500.
    "events:document_download": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 404)},
}
