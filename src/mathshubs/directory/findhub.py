"""Find your hub: a school name, URN, postcode or local authority -> the serving hub.

The interface is fixed here so the page, the API and the search logic can be
built apart; `find_hub` is the one entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mathshubs.directory.models import Hub, Institution, LocalAuthority


@dataclass
class FindHubMatch:
    """One answer: the hub, and what matched (an institution or a local authority)."""

    hub: Hub | None
    institution: Institution | None = None
    local_authority: LocalAuthority | None = None
    matched_by: str = ""  # "urn" | "name" | "postcode" | "local_authority"
    note: str = ""  # e.g. "Nearest match for 'Aldgat'" or "Found by the postcode district EC3A"


@dataclass
class FindHubResult:
    query: str
    matches: list[FindHubMatch] = field(default_factory=list)
    # Set when nothing matched or the input could not be used: says what to try instead.
    message: str = ""
    # "none" | "urn" | "name" | "postcode" | "local_authority"
    kind: str = "none"


def find_hub(query: str, *, limit: int = 10) -> FindHubResult:
    raise NotImplementedError("built in the find-your-hub work")
