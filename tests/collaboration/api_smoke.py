"""Smoke-test samples for the spaces' API (merged into tests/test_smoke.py): North's
activity space, which Leo leads and Pat takes part in, with Leo's thread, Pat's comment
and an uploaded document."""

from tests.collaboration.smoke import _document_args, _space_args, _thread, _thread_args

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]


def _comment_args(c):
    from mathshubs.collaboration import services

    space, thread = _thread(c)
    comment = services.comment_post(user=c.pat, thread=thread, text="See you there")
    return [space.pk, thread.pk, comment.pk], ""


def _version_args(c):
    args, _ = _document_args(c)
    return [*args, 1], ""


# Its members (Leo, Pat) and the national team read it; everyone else finds nothing.
READERS = {
    "anonymous": 401,
    "nadia": 200,
    "leo": 200,
    "pat": 200,
    "harriet": 404,
    "sam": 404,
    "simon": 404,
}
SIGNED_IN = dict.fromkeys(PERSONAS[1:], 200)
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
EXPECTED = {
    "api:space_list": {"anonymous": 401, **SIGNED_IN},
    "api:space_detail": READERS,
    "api:space_threads": READERS,
    "api:space_thread": READERS,
    "api:space_documents": READERS,
    "api:space_document": READERS,
    "api:space_document_download": READERS,
    "api:space_notification_setting": READERS,
    "api:notification_setting": {"anonymous": 401, **SIGNED_IN},
}
