"""Who may do what with a HAPPI form (ISSUE 10, part 1; 2023/24 handbook, Practicalities,
"NCETM Axis – HAPPI Forms").

- The activity's LLME leads create the form and write it: save drafts, submit sections.
- The staff of the activity's hub review it: return a section with a comment, accept it.
  They read every form of their hub.
- The national team and the NCP's national Project Leads read it.
- Nobody else learns that it exists (404, as for an activity they cannot see).
"""

from __future__ import annotations

from typing import Any

import rules

from mathshubs.activities.models import Activity
from mathshubs.activities.rules import is_staff_of_activity_hub, leads_activity
from mathshubs.directory.rules import has_programme_role, is_national, person_of


@rules.predicate
def leads_the_project(user: Any, activity: Activity | None) -> bool:
    """A national Project Lead of the activity's NCP."""
    me = person_of(user)
    if me is None or activity is None or activity.ncp_id is None:
        return False
    from mathshubs.evaluation.models import ProjectLead

    return ProjectLead.objects.filter(ncp_id=activity.ncp_id, person=me).exists()


can_write_happi = leads_activity
can_review_happi = is_staff_of_activity_hub
can_read_happi = can_write_happi | can_review_happi | is_national | leads_the_project
# The lists of forms: every hub's for the national team, a hub's for its staff, an LLME's
# own activities' (each sees only their scope: selectors.happi_forms_visible_to).
can_list_happi = has_programme_role

# Naming a project's national Project Leads: the national team.
can_name_project_leads = rules.predicate(is_national)
rules.add_perm("evaluation.name_project_leads", can_name_project_leads)
