"""Sample arguments for people's data routes (merged into tests/access/samples.py): Pat's
data, which Pat, North's staff (Harriet) and the national team (Nadia) may download, and
only Nadia erase. The answers each persona gets are in tests/access/matrix.py."""


def _pat(c):
    return [c.pat.person.pk], ""


SAMPLES = {
    "privacy:person_data": _pat,
    "privacy:person_download": _pat,
    "privacy:person_erase": _pat,
    "api:privacy_person_data": _pat,
    "api:privacy_person_erase": _pat,
}
