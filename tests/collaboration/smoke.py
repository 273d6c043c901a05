"""Smoke-test samples for the spaces' pages (merged into tests/access/samples.py): North's
activity space, which Leo leads and Pat takes part in, with a thread of Leo's."""


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
