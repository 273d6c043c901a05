"""Who sees and changes the catalogue (ISSUE 4, item 2).

- A published year's catalogue is public: anyone sees it, signed in or not.
- A draft year (copied forward, being edited) is seen only by the national team, who
  publish the catalogue (DOMAIN.md, "Who uses it"); to everyone else it does not exist.
- Only the national team copies a year forward or publishes a draft.
"""

from __future__ import annotations

from typing import Any

import rules

from mathshubs.catalogue.models import AcademicYear, CatalogueStatus
from mathshubs.directory.rules import is_national


@rules.predicate
def is_published(user: Any, year: AcademicYear | None) -> bool:
    return year is not None and year.status == CatalogueStatus.PUBLISHED


can_view_year = is_published | is_national
can_edit_catalogue = is_national

rules.add_perm("catalogue.view_year", can_view_year)
rules.add_perm("catalogue.edit_catalogue", can_edit_catalogue)
