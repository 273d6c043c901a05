"""Smoke-test samples for the spaces' API (merged into tests/access/samples.py): North's
activity space, which Leo leads and Pat takes part in, with Leo's thread, Pat's comment
and an uploaded document."""

from tests.collaboration.smoke import _document_args, _space_args, _thread, _thread_args


def _comment_args(c):
    from mathshubs.collaboration import services

    space, thread = _thread(c)
    comment = services.comment_post(user=c.pat, thread=thread, text="See you there")
    return [space.pk, thread.pk, comment.pk], ""


def _version_args(c):
    args, _ = _document_args(c)
    return [*args, 1], ""


SAMPLES = {
    "api:space_detail": _space_args,
    "api:space_threads": _space_args,
    "api:space_thread_create": _space_args,
    "api:space_thread": _thread_args,
    "api:space_thread_update": _thread_args,
    "api:space_thread_delete": _thread_args,
    "api:space_comment_create": _thread_args,
    "api:space_comment_update": _comment_args,
    "api:space_comment_delete": _comment_args,
    "api:space_thread_boost": _thread_args,
    "api:space_comment_boost": _comment_args,
    "api:space_thread_unsubscribe": _thread_args,
    "api:space_thread_resubscribe": _thread_args,
    "api:space_documents": _space_args,
    "api:space_document_upload": _space_args,
    "api:space_text_document_create": _space_args,
    "api:space_document": _document_args,
    "api:space_document_version_upload": _document_args,
    "api:space_document_text_version": _document_args,
    "api:space_document_download": _version_args,
    "api:space_document_restore": _version_args,
    "api:space_notification_setting": _space_args,
    "api:space_notification_setting_set": _space_args,
    "api:space_notification_setting_clear": _space_args,
}
