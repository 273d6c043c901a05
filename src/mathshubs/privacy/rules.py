"""Who may download and who may erase a person's data (ISSUE 14, part 2; ADR 0017).

- A person downloads their own data.
- For a request made to them, hub staff produce the download of the people of their hub
  (the directory's own rule for whom hub staff see), and the national team of anyone.
  An LLME sees their participants but does not answer for the programme's data: no.
- Only the national team erases, and not themselves: erasure cannot be undone, it changes
  what every hub's figures are made of and a person may belong to several hubs; the
  national team (the controller's side of the programme) decides, as with a school's
  serving hub. Hub staff pass the request on.
"""

from __future__ import annotations

from typing import Any

import rules

from mathshubs.directory.models import Person
from mathshubs.directory.rules import is_hub_staff_of_person, is_national, is_self


@rules.predicate
def is_not_self(user: Any, person: Person | None) -> bool:
    return not is_self(user, person)


can_export_person = is_self | is_national | is_hub_staff_of_person
can_erase_person = is_national & is_not_self

rules.add_perm("privacy.export_person", can_export_person)
rules.add_perm("privacy.erase_person", can_erase_person)
