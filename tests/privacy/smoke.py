"""Smoke-test samples for people's data (merged into tests/test_smoke.py): Pat's data, which
Pat, North's staff (Harriet) and the national team (Nadia) may download, and only Nadia
erase. GETs only: the erase page is its confirmation; the API's erase is a POST (405)."""

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
OK, FOUND, DENIED = 200, 302, 403


def _pat(c):
    return [c.pat.person.pk], ""


SAMPLES = {
    "privacy:person_data": _pat,
    "privacy:person_download": _pat,
    "privacy:person_erase": _pat,
    "api:privacy_person_data": _pat,
    "api:privacy_person_erase": _pat,
}
_DOWNLOAD = {
    "anonymous": FOUND,
    "nadia": OK,
    "harriet": OK,
    "leo": DENIED,
    "pat": OK,
    "sam": DENIED,
    "simon": DENIED,
}
EXPECTED = {
    "privacy:mine": {"anonymous": FOUND, **dict.fromkeys(PERSONAS[1:], OK)},
    "privacy:mine_download": {"anonymous": FOUND, **dict.fromkeys(PERSONAS[1:], OK)},
    "privacy:person_data": _DOWNLOAD,
    "privacy:person_download": _DOWNLOAD,
    "privacy:person_erase": {
        "anonymous": FOUND,
        "nadia": OK,
        **dict.fromkeys(["harriet", "leo", "pat", "sam", "simon"], DENIED),
    },
    "api:privacy_me_data": {"anonymous": 401, **dict.fromkeys(PERSONAS[1:], OK)},
    "api:privacy_person_data": {
        "anonymous": 401,
        **{k: v for k, v in _DOWNLOAD.items() if k != "anonymous"},
    },
}
