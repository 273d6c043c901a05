"""Who may read the audit trail (ADR 0016).

- the national team reads every change;
- hub staff (directory.rules.HUB_STAFF_ROLES) read the changes of their hubs' records:
  their hubs' people, roles in their hubs, their hubs' activities and what hangs from
  them (schools, participants, registrations for their events, HAPPI forms), and the
  catalogue years (national, public: the menu every hub plans from);
- nobody else: a participant or an LLME is refused (403), as on every other page whose
  whole purpose is oversight.
"""

from __future__ import annotations

import rules

from mathshubs.directory.rules import is_hub_staff, is_hub_staff_of_person, is_national

CHANGES_FORBIDDEN = "Only the national team and Maths Hub staff can see the changes made to records"
PERSON_CHANGES_NOT_FOUND = "There is no person with that id, or you cannot see their changes."

can_view_changes = is_national | is_hub_staff
can_view_person_changes = is_national | is_hub_staff_of_person

rules.add_perm("audit.view_changes", can_view_changes)
rules.add_perm("audit.view_person_changes", can_view_person_changes)
