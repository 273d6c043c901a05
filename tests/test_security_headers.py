"""Security headers on every response, and templates that keep to the Content Security
Policy: no inline script or style, no event-handler attributes, no javascript: URLs
(ADR 0015). The browser test tests/browser/test_content_security_policy.py loads pages."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings as configured
from django.contrib.staticfiles import finders
from django.test import Client

import mathshubs

SRC = Path(mathshubs.__file__).resolve().parent

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _directives(header: str) -> dict[str, str]:
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


@pytest.mark.parametrize("url", ["/", "/account/login/", "/api/v1/openapi.json", "/nowhere/"])
def test_every_response_carries_the_policy_and_the_security_headers(db, url):
    response = Client().get(url)
    directives = _directives(response.headers["Content-Security-Policy"])
    for name, value in POLICY.items():
        assert directives[name] == value, name
    assert directives["style-src"].startswith("'self'")
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_api_docs_page_keeps_the_whole_policy(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    directives = _directives(response.headers["Content-Security-Policy"])
    assert directives["script-src"] == "'self'"
    # Swagger UI comes from this site's static files, not a CDN.
    assert b"cdn." not in response.content


def test_the_error_page_style_is_allowed_by_its_hash():
    template = (SRC / "templates" / "500.html").read_text(encoding="utf-8")
    (css,) = re.findall(r"<style>(.*?)</style>", template, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    style_src = configured.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in style_src


def test_the_javascript_files_the_base_page_names_exist():
    base = (SRC / "templates" / "base.html").read_text(encoding="utf-8")
    for name in re.findall(r"<script[^>]*src=\"\{% static '([^']+)' %\}\"", base):
        assert finders.find(name), name
    init = (SRC / "static" / "mathshubs" / "init.js").read_text(encoding="utf-8")
    (target,) = re.findall(r'from "\.\./([^"]+)"', init)
    assert finders.find(target), target


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"), "script"),
    (re.compile(r"\sstyle=\""), "style attribute"),
    (re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE), "event handler"),
    (re.compile(r"javascript:", re.IGNORECASE), "javascript: URL"),
]
# Never sent to a browser as a page: WeasyPrint lays out the PDF from it; and the 500
# page, whose one <style> the policy allows by hash.
NOT_PAGES = {"reporting/templates/reporting/report_pdf.html", "templates/500.html"}


def test_no_template_has_inline_script_style_or_handlers():
    found = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        relative = path.relative_to(SRC).as_posix()
        if relative in NOT_PAGES or "/email/" in relative:
            continue
        text = path.read_text(encoding="utf-8")
        found += [(relative, what) for pattern, what in INLINE if pattern.search(text)]
    assert not found
