"""Spaces in a real browser (ISSUE 13, first part): an LLME finds their activity's space
from the menu, starts a thread, a participant comments and boosts; axe-core finds no
serious problems on the pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_pages import check, sign_in


def test_a_thread_comments_boosts_document_versions_unsubscribe_and_the_next_digest(
    page, live_server, transactional_db, cast, settings, tmp_path
):
    """ISSUE 13's walk: Leo starts a thread; Pat comments, boosts, unsubscribes from the
    thread, uploads two versions of a document and restores the first; the next
    morning's digest tells each what the other did, and its one-click link stops it."""
    from django.core import mail

    from mathshubs.collaboration import digest
    from mathshubs.collaboration.models import Thread
    from mathshubs.dates import LONDON

    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server, cast.leo)
    page.goto("/")
    page.get_by_role("link", name="Spaces", exact=True).click()
    check(page, "spaces", "Your spaces")
    page.get_by_role("link", name=cast.activity.title).click()
    check(page, "space", cast.activity.title)
    page.locator("summary", has_text="Start a thread").click()
    page.get_by_role("button", name="Post the thread").click()
    check(page, "space-error", cast.activity.title)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the thread a title")
    page.get_by_label("Title", exact=True).fill("Before session 2")
    page.get_by_label("Message").fill("Please try the <strong>bar model</strong> task.")
    page.get_by_role("button", name="Post the thread").click()
    check(page, "thread", "Before session 2")
    expect(page.locator("#thread-body-text strong")).to_have_text("bar model")

    page.context.clear_cookies()
    sign_in(page, live_server, cast.pat)
    page.reload()
    page.get_by_label("Add a comment").fill("Done, thank you")
    page.get_by_role("button", name="Post the comment").click()
    page.locator("#thread-boost summary").click()  # the boost's field opens from its toggle
    page.get_by_label("Boost the thread").fill("Thanks!")
    page.get_by_role("button", name="Boost the thread").click()
    expect(page.locator("#boosts-thread")).to_contain_text("Thanks!")
    expect(page.get_by_text("Done, thank you")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe me").click()
    expect(page.locator("#subscription + p")).to_contain_text("You are unsubscribed")
    check(page, "thread-unsubscribed", "Before session 2")

    page.get_by_role("link", name=cast.activity.title).first.click()
    page.get_by_label("Title of a document to upload").fill("Session plan")
    page.get_by_label("File").set_input_files(
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": b"week,one\n"}
    )
    page.get_by_role("button", name="Upload the document").click()
    check(page, "document", "Session plan")
    page.get_by_label("Upload a new version").set_input_files(
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": b"week,two\n"}
    )
    page.get_by_role("button", name="Upload the new version").click()
    expect(page.locator("#version-2")).to_be_visible()
    page.get_by_role("button", name="Restore version 1").click()
    expect(page.locator("#version-3")).to_contain_text("restored from 1")
    with page.expect_download() as download:
        page.locator("#download-latest").click()
    assert Path(download.value.path()).read_bytes() == b"week,one\n"
    assert_accessible(page)

    # Leo answers on the thread Pat left: Pat's digest will not carry it.
    page.context.clear_cookies()
    sign_in(page, live_server, cast.leo)
    thread = Thread.objects.get(title="Before session 2")
    page.goto(f"/spaces/{thread.space_id}/threads/{thread.pk}/")
    page.get_by_label("Add a comment").fill("Bring your bar models on Tuesday")
    page.get_by_role("button", name="Post the comment").click()
    expect(page.get_by_text("Bring your bar models on Tuesday")).to_be_visible()

    # The next morning at 07:00 London, the digest of the day.
    day = thread.posted_at.astimezone(LONDON).date()
    seven = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(7, 0), tzinfo=LONDON)
    mail.outbox.clear()
    assert digest.digest_send(now=seven) == 2
    leos = next(m for m in mail.outbox if m.to == ["leo@north.example"])
    pats = next(m for m in mail.outbox if m.to == ["pat@north.example"])
    assert 'Pat Participant commented on "Before session 2"' in leos.body
    assert 'Pat Participant made version 3 of the document "Session plan"' in leos.body
    assert 'Leo Lead started "Before session 2"' in pats.body
    assert "Leo Lead commented" not in pats.body  # unsubscribed from the thread
    # Pat follows the digest's link, then its one-click unsubscribe, in the browser.
    page.context.clear_cookies()
    sign_in(page, live_server, cast.pat)
    link = next(line for line in pats.body.split() if "/threads/" in line)
    page.goto(urlsplit(link).path)
    check(page, "thread-from-digest", "Before session 2")
    page.goto(urlsplit(pats.extra_headers["List-Unsubscribe"].strip("<>")).path)
    check(page, "unsubscribe", "Unsubscribe")
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator(".govuk-panel")).to_contain_text("You will no longer get the daily digest")
    page.goto("/spaces/notifications/")
    check(page, "notifications", "Change your notification settings")
    expect(page.get_by_label("None")).to_be_checked()
    expect(page.get_by_role("link", name="Before session 2")).to_be_visible()
    assert_accessible(page)


def test_a_lead_sees_what_is_new_and_searches_the_spaces(page, live_server, transactional_db, cast):
    from mathshubs.collaboration import services
    from mathshubs.collaboration.membership import spaces_for
    from mathshubs.collaboration.models import SpaceKind

    space = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    services.thread_post(
        user=cast.pat, space=space, title="Fractions question", text="Which <em>bar model</em>?"
    )
    sign_in(page, live_server, cast.leo)
    page.goto("/")
    expect(page.locator("#home-spaces")).to_contain_text("1 new thread")
    assert_accessible(page)
    page.get_by_role("link", name="All your spaces").click()
    check(page, "spaces-news", "Your spaces")
    expect(page.locator(f"#space-{space.pk}")).to_contain_text("1 new thread")
    page.get_by_role("button", name="Search").click()
    check(page, "search-error", "Search your spaces")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a word to search for")
    page.get_by_label("Search your spaces").fill("bar model")
    page.get_by_role("button", name="Search").click()
    check(page, "search", "Search your spaces")
    expect(page.locator("#threads-found")).to_contain_text("Fractions question")
    expect(page.locator("#threads-found mark").first).to_have_text("bar")
    page.get_by_role("link", name="Fractions question").click()
    check(page, "thread", "Fractions question")
    page.goto("/spaces/")
    expect(page.locator(f"#space-{space.pk}")).to_contain_text("Nothing new since you last looked")
