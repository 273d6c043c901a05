"""How names are normalised and searched: the text forms institutions are stored and
matched in, and the per-process index of open institutions' names for typo-tolerant
search. Used by find your hub, the GIAS import and the demo."""

from __future__ import annotations

import dataclasses
import re
import threading
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max

from mathshubs.directory.models import Institution

_DROPPED = re.compile(r"['’‘`.]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words so common in school names that they say little about which school is meant:
# the typo-tolerant search also compares names without them ("aldgte" ~ "aldgate").
GENERIC_NAME_WORDS = frozenset(
    [
        "the",
        "school",
        "schools",
        "primary",
        "secondary",
        "academy",
        "infant",
        "infants",
        "junior",
        "juniors",
        "nursery",
        "college",
        "high",
        "church",
        "of",
        "england",
        "ce",
        "c",
        "e",
        "cofe",
        "rc",
        "catholic",
        "roman",
        "methodist",
        "and",
        "community",
        "federation",
        "trust",
        "free",
        "special",
        "voluntary",
        "aided",
        "controlled",
        "va",
        "vc",
        "first",
        "middle",
        "upper",
        "lower",
        "sixth",
        "form",
        "centre",
        "st",
        "saint",
    ]
)
# The name index is checked against the database at most this often; under test,
# every time, since each test's database differs.
NAME_INDEX_CHECK_SECONDS = 0.0 if settings.TESTING else 2.0


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively: the stored form is stripped and lower-cased."""
    return (email or "").strip().lower()


def is_number(text: str) -> bool:
    """Only the digits 0-9: str.isdigit() also accepts '¹' or '٣', which int() refuses."""
    return text.isascii() and text.isdigit()


def search_name_for(name: str) -> str:
    """Institution.search_name: lower case, accents and punctuation gone, single spaces.

    "St Mary's C.E. Primary" -> "st marys ce primary"; "École & Lycée" -> "ecole and lycee".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DROPPED.sub("", text.replace("&", " and "))
    return _NON_WORD.sub(" ", text).strip()[:255]


def postcode_key_for(postcode: str) -> str:
    """Institution.postcode_key: upper case without spaces, "ec3a 5de" -> "EC3A5DE"."""
    return "".join(postcode.split()).upper()


def distinctive_words(search_name: str) -> str:
    """A search name without its generic words, or the name itself if nothing is left."""
    kept = " ".join(w for w in search_name.split() if w not in GENERIC_NAME_WORDS)
    return kept or search_name


@dataclass(frozen=True)
class _NameIndex:
    version: tuple[int, object] | None
    checked_at: float
    names: list[str]
    keys: list[str]  # distinctive_words of each name
    ids: list[int]


# A per-process index of open institutions' names for the typo-tolerant search,
# rebuilt when institutions change (their count or latest update differ). The
# check is a full-table aggregate, so it runs at most every NAME_INDEX_CHECK_SECONDS.
_name_index_lock = threading.Lock()
_name_index = _NameIndex(None, 0.0, [], [], [])


def _institutions_version() -> tuple[int, object]:
    agg = Institution.objects.aggregate(n=Count("id"), latest=Max("updated_at"))
    return agg["n"], agg["latest"]


def open_institution_names() -> _NameIndex:
    """The search names (and ids) of open institutions, cached while nothing changes."""
    global _name_index
    index = _name_index
    now = time.monotonic()
    if index.version is not None and now - index.checked_at < NAME_INDEX_CHECK_SECONDS:
        return index
    version = _institutions_version()
    with _name_index_lock:
        if _name_index.version == version:
            _name_index = dataclasses.replace(_name_index, checked_at=now)
        else:
            rows = list(Institution.objects.filter(is_open=True).values_list("search_name", "id"))
            names = [name for name, _ in rows]
            _name_index = _NameIndex(
                version, now, names, [distinctive_words(n) for n in names], [pk for _, pk in rows]
            )
        return _name_index


def forget_name_index() -> None:
    """Make the next typo-tolerant search re-read the institutions (tests, imports)."""
    global _name_index
    with _name_index_lock:
        _name_index = _NameIndex(None, 0.0, [], [], [])
