"""Posts' rich text, limited to safe formatting (ISSUE 13): what a person may write is
paragraphs, line breaks, bold, italic, lists, quotes, code and links (http, https,
mailto). Everything else is removed on the server before it is stored: scripts, styles,
event-handler attributes, `javascript:` links, images, frames. nh3 (the Rust ammonia
library) parses the HTML as a browser would, so nothing hides in malformed markup."""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape

TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https", "mailto"}
_HTML = re.compile(r"<[a-zA-Z/!]")


def sanitise(text: str) -> str:
    """Safe HTML from what was written: HTML is cleaned; plain text (no tags) becomes
    paragraphs, a blank line between two."""
    text = (text or "").strip()
    if not _HTML.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain(html: str) -> str:
    """The words of a post, for a preview or an email's text part."""
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
