"""The pages pass their Content Security Policy in a real browser: no inline script, no
inline style, nothing from another site (ADR 0015). Any refusal fails the test."""

from __future__ import annotations

import pytest

from mathshubs.reporting.models import ExportStatus
from tests import factories as f
from tests.browser.conftest import assert_accessible
from tests.browser.test_pages import sign_in

# Recorded in the page itself, from before its first script runs (an init script is
# evaluated by the browser's debugging protocol, which the policy does not govern).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, and every CSP refusal the browser reports on it (events and console)."""
    refused: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, refused


def _visit(page, refused: list[str], url: str) -> None:
    response = page.goto(url)
    assert response.ok, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    refused.extend(page.evaluate("() => window.__cspViolations"))
    assert not refused, f"{url}: {refused}"


def test_the_main_pages_raise_no_content_security_policy_violation(
    watched, live_server, transactional_db, cast, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page, refused = watched
    for url in ["/", "/account/login/", "/find-your-hub/", "/hubs/"]:
        _visit(page, refused, url)
    # The JavaScript ran: GOV.UK Frontend's classes and components are on.
    assert "js-enabled" in page.evaluate("() => document.body.className")
    page.goto("/account/login/")
    page.get_by_label("Email address").fill("someone@elsewhere.example")
    page.get_by_role("button", name="Continue").click()
    _visit(page, refused, page.url)

    event = f.EventFactory(activity=cast.activity, title="Bar models in Year 3")
    export = f.ReportExportFactory(requested_by=cast.nadia, status=ExportStatus.RUNNING)
    sign_in(page, live_server, cast.nadia)
    for url in [
        "/",
        f"/activities/{cast.activity.pk}/",
        f"/events/{event.pk}/",
        f"/spaces/activity/{cast.activity.pk}/",
        "/reports/",
        "/reports/2023-24/",
        f"/reports/exports/{export.pk}/",  # its progress script polls the server
        "/account/profile/",
    ]:
        _visit(page, refused, url)
    assert_accessible(page)
    # The menu's toggle and the export's progress both come from script files.
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")


def test_the_api_docs_page_loads_swagger_ui_from_this_site_without_violations(
    watched, live_server, transactional_db
):
    """django-ninja serves Swagger UI from its own static files (the "ninja" app), its
    settings as a JSON data block: the page keeps the site's whole policy."""
    page, refused = watched
    _visit(page, refused, "/api/v1/docs")
    page.locator("#swagger-ui .swagger-ui").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    refused.extend(page.evaluate("() => window.__cspViolations"))
    assert not refused
