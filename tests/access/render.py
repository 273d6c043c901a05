"""Write docs/access.md from the matrix, and the matrix from a recording.

    python -m tests.access.render                  # docs/access.md
    python -m tests.access.render --record DIR     # the recorded rows into tests/access/matrix.py

A recording is what `ACCESS_MATRIX_RECORD=DIR pytest tests/access` saw: review the diff of
matrix.py before committing it, because it is the rule every route is held to.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "access.md"
MATRIX_FILE = Path(__file__).with_name("matrix.py")

LEGEND = {
    "200": "answered (a page, or a form shown again with its errors)",
    "201": "created",
    "204": "done, nothing to show",
    "302": "done, then sent on to the next page",
    "400": "the request itself is wrong (the right person, bad input)",
    "401": "sign in, or send a personal API token (API)",
    "403": "refused",
    "404": "not found: the object is hidden from this person",
    "405": "this method is not used here",
    "409": "refused because of the object's state (the right person)",
    "422": "allowed, but the input breaks a rule (the right person)",
    "signin": "sent to the sign-in page",
}

HEADER = '''"""The access matrix: for every route and method, the answer each persona gets.

Columns, in order:
{columns}.
Made by `python -m tests.access.render --record DIR` from what the platform answered, then
reviewed; test_matrix.py holds every route to it, and docs/access.md is made from it.
"""

MATRIX: dict[str, dict[str, str]] = {{
'''


def matrix_source(rows: dict[str, dict[str, str]]) -> str:
    from tests.access.personas import COLUMNS

    lines = [HEADER.format(columns=", ".join(COLUMNS[:4]) + ",\n" + ", ".join(COLUMNS[4:]))]
    for name in sorted(rows):
        lines.append(f'    "{name}": {{\n')
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            if method in rows[name]:
                lines.append(f'        "{method}": "{rows[name][method]}",\n')
        lines.append("    },\n")
    lines.append("}\n")
    return "".join(lines)


def _section(name: str) -> str:
    return name.split(":", 1)[0] if ":" in name else "site"


def docs_markdown() -> str:
    from tests.access.matrix import MATRIX
    from tests.access.personas import COLUMNS, WHO
    from tests.access.routes import routes

    found = routes()
    cells = sum(len(row) for row in MATRIX.values()) * len(COLUMNS)
    out = [
        "# Who may use what: the access matrix\n\n",
        "<!-- Made by `python -m tests.access.render` from tests/access/matrix.py. "
        "Do not edit by hand. -->\n\n",
        f"Every route of the platform ({len(MATRIX)} routes: pages and API operations), "
        f"every method, and the answer each of {len(COLUMNS)} people gets: "
        f"{cells:,} answers in all. `tests/access/test_matrix.py` asks each of them against "
        "real records on every test run, on SQLite and PostgreSQL, and a route with no row "
        "fails it.\n\n",
        "- A page's POST is also sent without a CSRF token: everyone gets 403 (except the "
        "one-click unsubscribe, whose signed token is its authority).\n",
        "- Every API operation is asked twice, with a session and with a personal API "
        "token, and must answer both the same; a session's write without a CSRF token is "
        "refused.\n",
        "- A write that is allowed is sent with the smallest body its schema accepts, so an "
        "allowed person may get 422 (the input breaks a rule) where a refused one gets "
        "403 or 404.\n\n",
        "## The people\n\n",
    ]
    out += [f"- **{column}**: {WHO[column]}\n" for column in COLUMNS]
    out.append("\n## The answers\n\n")
    out += [f"- `{code}`: {meaning}\n" for code, meaning in LEGEND.items()]
    section = None
    for name in sorted(MATRIX, key=lambda n: (_section(n), found[n].pattern if n in found else n)):
        if _section(name) != section:
            section = _section(name)
            out.append(f"\n## {section}\n\n")
            out.append("| route | method | " + " | ".join(COLUMNS) + " |\n")
            out.append("| --- | --- |" + " --- |" * len(COLUMNS) + "\n")
        pattern = "/" + found[name].pattern if name in found else name
        for method, answer in MATRIX[name].items():
            out.append(
                f"| `{pattern}` ({name}) | {method} | " + " | ".join(answer.split()) + " |\n"
            )
    return "".join(out)


def main(argv: list[str]) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    django.setup()
    if argv[:1] == ["--record"]:
        from tests.access.matrix import MATRIX
        from tests.access.routes import routes

        # The recorded rows replace theirs; rows of routes that are gone are dropped.
        rows = {name: row for name, row in MATRIX.items() if name in routes()}
        for path in sorted(Path(argv[1]).glob("*.json")):
            recorded = json.loads(path.read_text())
            rows[recorded["name"]] = recorded["answers"]
        MATRIX_FILE.write_text(matrix_source(rows))
        print(f"wrote {MATRIX_FILE} ({len(rows)} routes)")
        import importlib

        import tests.access.matrix

        importlib.reload(tests.access.matrix)
    DOCS.write_text(docs_markdown())
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main(sys.argv[1:])
