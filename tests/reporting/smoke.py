"""Smoke-test samples and expectations for the figures pages (merged into
tests/test_smoke.py)."""

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
# The national team and hub staff read figures; everyone else finds none; anonymous
# people are asked to sign in.
READERS = {"anonymous": 302, "nadia": 200, "harriet": 200, "simon": 200}
NO_ONE_ELSE = {"leo": 404, "pat": 404, "sam": 404}

SAMPLES = {
    "reporting:dashboard": lambda c: ([2023], ""),
    "reporting:figure": lambda c: ([2023, "primary_tfm"], ""),
}
EXPECTED = {
    "reporting:index": {**READERS, "nadia": 302, "harriet": 302, "simon": 302, **NO_ONE_ELSE},
    "reporting:dashboard": {**READERS, **NO_ONE_ELSE},
    "reporting:figure": {**READERS, **NO_ONE_ELSE},
}
