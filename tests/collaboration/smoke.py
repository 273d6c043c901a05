"""Smoke-test samples for the spaces' pages (merged into tests/test_smoke.py): North's
activity space, which Leo leads and Pat takes part in, with a thread of Leo's."""

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]


def _thread(c):
    from mathshubs.collaboration import services
    from mathshubs.collaboration.membership import spaces_for
    from mathshubs.collaboration.models import SpaceKind

    space = next(s for s in spaces_for(c.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    thread = services.thread_post(user=c.leo, space=space, title="Agenda", text="Week 1")
    return space, thread


def _document(c):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mathshubs.collaboration import documents

    space, _ = _thread(c)
    upload = SimpleUploadedFile("plan.csv", b"a,b\n", content_type="text/csv")
    document = documents.document_upload(user=c.leo, space=space, title="Plan", upload=upload)
    return space, document


def _document_args(c):
    space, document = _document(c)
    return [space.pk, document.pk], ""


def _version_args(c):
    space, document = _document(c)
    return [space.pk, document.pk, 1], ""


def _public_args(c):
    from mathshubs.collaboration import documents

    _, document = _document(c)
    documents.public_link(user=c.leo, document=document, on=True)
    return [document.public_token], ""


def _space_args(c):
    space, _ = _thread(c)
    return [space.pk], ""


def _thread_args(c):
    space, thread = _thread(c)
    return [space.pk, thread.pk], ""


def _activity_args(c):
    return [c.activity.pk], ""


def _unsubscribe_args(c):
    from mathshubs.collaboration.emails import unsubscribe_token

    return [unsubscribe_token(c.leo.person.pk, "digest")], ""


# Its members read it (Leo, Pat) and the national team; everyone else finds nothing.
READERS = {
    "anonymous": 302,
    "nadia": 200,
    "leo": 200,
    "pat": 200,
    "harriet": 404,
    "sam": 404,
    "simon": 404,
}
POST_ONLY = {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 405)}
SAMPLES = {
    "collaboration:space": _space_args,
    "collaboration:thread": _thread_args,
    "collaboration:thread_create": _space_args,
    "collaboration:comment_create": _thread_args,
    "collaboration:boost": _thread_args,
    "collaboration:delete": _thread_args,
    "collaboration:edit": _thread_args,
    "collaboration:document_upload": _space_args,
    "collaboration:document_write": _space_args,
    "collaboration:document": _document_args,
    "collaboration:document_edit": _document_args,
    "collaboration:document_version": _document_args,
    "collaboration:document_download": _version_args,
    "collaboration:document_restore": _document_args,
    "collaboration:document_public": _document_args,
    "collaboration:public": _public_args,
    "collaboration:subscription": _thread_args,
    "collaboration:activity_space": _activity_args,
    "collaboration:unsubscribe": _unsubscribe_args,
}
EXPECTED = {
    "collaboration:spaces": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 200)},
    "collaboration:space": READERS,
    "collaboration:thread": READERS,
    "collaboration:thread_create": POST_ONLY,
    "collaboration:comment_create": POST_ONLY,
    "collaboration:boost": POST_ONLY,
    "collaboration:delete": POST_ONLY,
    # Leo's thread: Leo and the national team change it; Pat, a member, may not.
    "collaboration:edit": {**READERS, "pat": 403},
    "collaboration:document_upload": POST_ONLY,
    "collaboration:document_write": READERS,
    "collaboration:document": READERS,
    # An uploaded document has no text to edit.
    "collaboration:document_edit": {**READERS, "nadia": 404, "leo": 404, "pat": 404},
    "collaboration:document_version": POST_ONLY,
    "collaboration:document_download": READERS,
    "collaboration:document_restore": POST_ONLY,
    "collaboration:document_public": POST_ONLY,
    # A public link works for anyone, signed in or not.
    "collaboration:public": dict.fromkeys(PERSONAS, 200),
    "collaboration:subscription": POST_ONLY,
    # The activity's page links its space: its members go there (a redirect), others 404.
    "collaboration:activity_space": {**READERS, "nadia": 302, "leo": 302, "pat": 302},
    "collaboration:notifications": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 200)},
    # An email's one-click address asks anyone who opens it (it acts only on a POST).
    "collaboration:unsubscribe": dict.fromkeys(PERSONAS, 200),
}
