"""Find your hub: a school name, URN, postcode or local authority -> the serving hub.

The interface is fixed here so the page, the API and the search logic can be
built apart; `find_hub` is the one entry point. It never raises on what a
person types: anything it cannot use comes back with a `message` saying what
to try instead.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat, StrIndex
from rapidfuzz import fuzz, process

from mathshubs.directory.models import Hub, HubArea, Institution, LocalAuthority
from mathshubs.directory.names import (
    distinctive_words,
    is_number,
    open_institution_names,
    search_name_for,
)

MAX_QUERY_LENGTH = 100
# Below this, a typo-tolerant match is more likely noise than the school meant.
FUZZY_SCORE_CUTOFF = 80
# How many word matches are ranked before the best `limit` are kept.
WORD_CANDIDATES = 200

MSG_EMPTY = (
    "Enter a school or college name, its URN, a postcode or a local authority, "
    "for example The Aldgate School, 100000, EC3A 5DE or Norfolk."
)
MSG_NOTHING_FOUND = (
    "Nothing matches '{query}'. Check the spelling, or try the school's URN "
    "(6 digits, for example 100000), its postcode (for example EC3A 5DE) or its "
    "local authority (for example Norfolk)."
)
MSG_MALFORMED_POSTCODE = (
    "'{query}' is not a full UK postcode. A postcode looks like EC3A 5DE or M1 1AE: "
    "check it, or search by the school's name or local authority."
)
MSG_URN_NOT_FOUND = (
    "No school or college has the URN {urn}. Check the URN on Get Information about "
    "Schools, or search by the school's name or postcode."
)
MSG_LA_CODE_NOT_FOUND = (
    "No local authority has the code {code}. Local authority codes have 3 digits, "
    "for example 926 for Norfolk; or enter the authority's name."
)
MSG_POSTCODE_NOT_FOUND = (
    "No hub could be found for the postcode {postcode}. Try the school's name or "
    "its local authority, for example Norfolk."
)
NOTE_NO_HUB = (
    "No hub is recorded as serving {what}. Contact the Maths Hubs Programme through "
    "the NCETM website (www.ncetm.org.uk) to be put in touch with a hub."
)
NOTE_CLOSED = " This establishment is closed."
NOTE_ILLUSTRATIVE = " This hub's area is illustrative, not confirmed."

# Words people add to an authority's name that GIAS leaves out.
_LA_FILLER = re.compile(
    r"\b(?:london borough of|royal borough of|metropolitan borough of|borough of|"
    r"city of|county of|county council|city council|borough council|district council|"
    r"council|the)\b"
)
_GIAS_LA_SUFFIX = re.compile(r",\s*(?:city|county) of\s*$", re.IGNORECASE)
_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_DISTRICT_PREFIX = re.compile(r"^[A-Z]{1,2}[0-9]+")


def _query_la_keys(text: str) -> set[str]:
    """The ways a typed authority name may match: as typed, and without "council" etc."""
    plain = search_name_for(text)
    return {plain, " ".join(_LA_FILLER.sub(" ", plain).split())} - {""}


@functools.lru_cache(maxsize=1024)
def _la_keys(name: str) -> frozenset[str]:
    """GIAS writes "Bristol, City of": match "Bristol" as well as the full name."""
    return frozenset({search_name_for(name), search_name_for(_GIAS_LA_SUFFIX.sub("", name))} - {""})


@dataclass
class FindHubMatch:
    """One answer: the hub, and what matched (an institution or a local authority)."""

    hub: Hub | None
    institution: Institution | None = None
    local_authority: LocalAuthority | None = None
    matched_by: str = ""  # "urn" | "name" | "postcode" | "local_authority"
    note: str = ""  # e.g. "Nearest match for 'Aldgat'" or "Found by the postcode district EC3A"
    # Districts of a split authority this hub serves (empty when it serves all of it).
    districts: list[str] = field(default_factory=list)
    score: float | None = None  # typo-tolerant matches: similarity 0-100


@dataclass
class FindHubResult:
    query: str
    matches: list[FindHubMatch] = field(default_factory=list)
    # Set when nothing matched or the input could not be used: says what to try instead.
    message: str = ""
    # "none" | "urn" | "name" | "postcode" | "local_authority"
    kind: str = "none"


def find_hub(query: str, *, limit: int = 10) -> FindHubResult:
    """Which hub serves a school (by name or URN), a postcode or a local authority.

    Tried in this order: a URN (digits), a local authority code (3 digits), a
    postcode (full, then outward code, then district), a local authority's
    exact name, school names (prefix, then every word), part of a local
    authority's name, and last school names again, typo-tolerant.
    """
    text = " ".join(str(query or "").split())[:MAX_QUERY_LENGTH].strip()
    result = FindHubResult(query=text)
    limit = max(1, min(int(limit), 50))
    if not text:
        result.message = MSG_EMPTY
        return result

    compact = text.replace(" ", "")
    if is_number(compact):
        if len(compact) == 3:
            return _by_la_code(result, compact)
        return _by_urn(result, int(compact))

    upper = compact.upper()
    if _FULL_POSTCODE.match(upper) or _OUTWARD.match(upper):
        return _by_postcode(result, upper, limit)

    la = _la_exact(text)
    if la is not None:
        return _by_local_authority(result, [la])

    if _by_name(result, text, limit):
        return result

    partial = _la_partial(text)
    if partial:
        return _by_local_authority(result, partial[:limit])

    if _by_name_typo(result, text, limit):
        return result

    if _looks_like_postcode(text):
        result.message = MSG_MALFORMED_POSTCODE.format(query=text)
    else:
        result.message = MSG_NOTHING_FOUND.format(query=text)
    return result


def _looks_like_postcode(text: str) -> bool:
    compact = text.replace(" ", "")
    return (
        text.count(" ") <= 1
        and 2 <= len(compact) <= 9
        and compact.isalnum()
        and compact[0].isalpha()
        and any(ch in "0123456789" for ch in compact)
    )


def _institution_match(inst: Institution, *, matched_by: str, note: str = "") -> FindHubMatch:
    if not inst.is_open:
        note = (note + NOTE_CLOSED).strip()
    if inst.hub is None:
        note = (note + " " + NOTE_NO_HUB.format(what=inst.name)).strip()
    elif inst.hub.area_is_illustrative:
        note = (note + NOTE_ILLUSTRATIVE).strip()
    return FindHubMatch(
        hub=inst.hub,
        institution=inst,
        local_authority=inst.local_authority,
        matched_by=matched_by,
        note=note,
    )


def _by_urn(result: FindHubResult, urn: int) -> FindHubResult:
    inst = Institution.objects.select_related("hub", "local_authority").filter(urn=urn).first()
    if inst is None:
        result.message = MSG_URN_NOT_FOUND.format(urn=urn)
        return result
    result.kind = "urn"
    result.matches = [_institution_match(inst, matched_by="urn", note=f"Found by the URN {urn}.")]
    return result


def _format_postcode(key: str) -> str:
    return f"{key[:-3]} {key[-3:]}" if _FULL_POSTCODE.match(key) else key


def _by_postcode(result: FindHubResult, key: str, limit: int) -> FindHubResult:
    result.kind = "postcode"
    full = _FULL_POSTCODE.match(key)
    if full:
        at_postcode = list(
            Institution.objects.select_related("hub", "local_authority")
            .filter(postcode_key=key)
            .order_by("-is_open", "name")[:limit]
        )
        if at_postcode:
            note = f"Found by the postcode {_format_postcode(key)}."
            result.matches = [
                _institution_match(inst, matched_by="postcode", note=note) for inst in at_postcode
            ]
            return result
        outward = full.group(1)
    else:
        outward = key

    # The outward code (EC3A), then the district (EC3, covering EC3A, EC3M, ...).
    candidates = [(outward, "postcode district")]
    prefix = _DISTRICT_PREFIX.match(outward)
    if prefix and prefix.group(0) != outward:
        candidates.append((prefix.group(0), "postcode district"))
    for code, label in candidates:
        hub_counts = _hubs_by_outward(code, exact=code == outward)
        if hub_counts:
            hubs = Hub.objects.in_bulk(list(hub_counts))
            total = sum(hub_counts.values())
            for hub_id, count in hub_counts.most_common(limit):
                hub = hubs[hub_id]
                note = (
                    f"Found by the {label} {code}: this hub serves {count:,} of the "
                    f"{total:,} schools and colleges there."
                )
                if hub.area_is_illustrative:
                    note += NOTE_ILLUSTRATIVE
                result.matches.append(FindHubMatch(hub=hub, matched_by="postcode", note=note))
            return result
    result.kind = "none"
    result.message = MSG_POSTCODE_NOT_FOUND.format(postcode=_format_postcode(key))
    return result


def _hubs_by_outward(code: str, *, exact: bool) -> Counter[int]:
    """Open institutions with a hub whose outward code is `code` (or starts a district)."""
    pattern = re.compile(rf"^{re.escape(code)}{'' if exact else '[A-Z]?'}[0-9][A-Z]{{2}}$")
    counts: Counter[int] = Counter()
    rows = Institution.objects.filter(
        postcode_key__startswith=code, is_open=True, hub__isnull=False
    ).values_list("postcode_key", "hub_id")
    for key, hub_id in rows:
        if pattern.match(key):
            counts[hub_id] += 1
    return counts


def _all_las() -> list[LocalAuthority]:
    return list(LocalAuthority.objects.order_by("-is_current", "name"))


def _la_exact(text: str) -> LocalAuthority | None:
    wanted = _query_la_keys(text)
    for la in _all_las():
        if wanted & _la_keys(la.name):
            return la
    return None


def _la_partial(text: str) -> list[LocalAuthority]:
    """Authorities with a word starting with what was typed ("Kingston", "Norf")."""
    wanted = search_name_for(text)
    if len(wanted) < 3:
        return []
    return [la for la in _all_las() if any(f" {wanted}" in f" {key}" for key in _la_keys(la.name))]


def _by_la_code(result: FindHubResult, code: str) -> FindHubResult:
    la = LocalAuthority.objects.filter(code=code).first()
    if la is None:
        result.message = MSG_LA_CODE_NOT_FOUND.format(code=code)
        return result
    return _by_local_authority(result, [la])


def _by_local_authority(result: FindHubResult, las: list[LocalAuthority]) -> FindHubResult:
    result.kind = "local_authority"
    areas_by_la: dict[int, list[HubArea]] = defaultdict(list)
    for area in HubArea.objects.filter(local_authority__in=las).select_related("hub"):
        areas_by_la[area.local_authority_id].append(area)
    for la in las:
        areas = areas_by_la.get(la.id, [])
        if not areas:
            result.matches.append(
                FindHubMatch(
                    hub=None,
                    local_authority=la,
                    matched_by="local_authority",
                    note=NOTE_NO_HUB.format(what=la.name),
                )
            )
            continue
        by_hub: dict[int, list[HubArea]] = defaultdict(list)
        for area in areas:
            by_hub[area.hub_id].append(area)
        split = len(by_hub) > 1 or any(a.district_code for a in areas)
        for hub_areas in by_hub.values():
            hub = hub_areas[0].hub
            districts = sorted(
                a.district_name or a.district_code for a in hub_areas if a.district_code
            )
            whole = any(not a.district_code for a in hub_areas)
            if not split:
                note = f"{hub.name} serves all of {la.name}."
            elif whole:
                note = f"{hub.name} serves {la.name}, except the districts served by another hub."
            else:
                note = f"{la.name} is split between hubs: {hub.name} serves {', '.join(districts)}."
            if hub.area_is_illustrative or any(a.is_illustrative for a in hub_areas):
                note += NOTE_ILLUSTRATIVE
            result.matches.append(
                FindHubMatch(
                    hub=hub,
                    local_authority=la,
                    matched_by="local_authority",
                    note=note,
                    districts=districts,
                )
            )
    return result


def _starts_with(prefix: str) -> Q:
    """search_name starts with `prefix`, in a form the database can answer from its index.

    SQLite cannot use an index for LIKE ... ESCAPE, but its binary collation makes
    a range the same test; PostgreSQL uses the varchar_pattern_ops index Django
    creates for LIKE 'prefix%'.
    """
    if connection.vendor == "sqlite":
        return Q(search_name__gte=prefix, search_name__lt=prefix + "\U0010ffff")
    return Q(search_name__startswith=prefix)


def _by_name(result: FindHubResult, text: str, limit: int) -> bool:
    wanted = search_name_for(text)
    if not wanted:
        return False
    base = Institution.objects.select_related("hub", "local_authority")

    found = list(base.filter(_starts_with(wanted)).order_by("-is_open", "search_name")[:limit])
    if len(found) < limit:
        # Every word typed starts a word of the name. instr() rather than LIKE: SQLite's
        # LIKE is case-folding and several times slower on a full scan.
        padded = Concat(Value(" "), "search_name", output_field=CharField())
        words = base.alias(padded=padded)
        for n, word in enumerate(dict.fromkeys(wanted.split())):
            words = words.alias(**{f"w{n}": StrIndex("padded", Value(f" {word}"))}).filter(
                **{f"w{n}__gt": 0}
            )
        seen = {inst.id for inst in found}
        extra = [
            inst
            for inst in words.order_by("-is_open", "search_name")[:WORD_CANDIDATES]
            if inst.id not in seen
        ]
        extra.sort(key=lambda inst: (not inst.is_open, -fuzz.WRatio(wanted, inst.search_name)))
        found += extra[: limit - len(found)]
    if not found:
        return False
    result.kind = "name"
    result.matches = [_institution_match(inst, matched_by="name") for inst in found]
    return True


def _by_name_typo(result: FindHubResult, text: str, limit: int) -> bool:
    """Typo-tolerant: the open institutions whose names are most like what was typed."""
    wanted = search_name_for(text)
    if len(wanted) < 3:
        return False
    # Whole names (QRatio) catch a typo anywhere; distinctive words catch a short
    # query against a long name. Each scores a position; the better score counts.
    index = open_institution_names()
    scores: dict[int, float] = {}
    for query, choices, scorer in (
        (wanted, index.names, fuzz.QRatio),
        (distinctive_words(wanted), index.keys, fuzz.ratio),
    ):
        for _, score, position in process.extract(
            query,
            choices,
            scorer=scorer,
            processor=None,
            limit=limit * 2,
            score_cutoff=FUZZY_SCORE_CUTOFF,
        ):
            scores[position] = max(score, scores.get(position, 0.0))
    if not scores:
        return False
    best = sorted(scores.items(), key=lambda item: (-item[1], index.names[item[0]]))[:limit]
    wanted_ids = [index.ids[position] for position, _ in best]
    by_id = Institution.objects.select_related("hub", "local_authority").in_bulk(wanted_ids)
    note = f"Nearest match for '{text}'."
    for position, score in best:
        inst = by_id.get(index.ids[position])
        if inst is None:
            continue
        match = _institution_match(inst, matched_by="name", note=note)
        match.score = round(score, 1)
        result.matches.append(match)
    if not result.matches:
        return False
    result.kind = "name"
    return True
