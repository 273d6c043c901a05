"""The eight people the access matrix asks, in its column order.

The shared cast (tests/conftest.py) gives six of them; the matrix adds a participant of
another activity of the same hub (Olly) and an LLME of another hub (Lola), so that both
"another activity" and "another hub" are tried.
"""

from __future__ import annotations

from mathshubs.accounts.services import api_token_create
from mathshubs.directory.models import Role
from tests import factories as f
from tests.conftest import _user

# (column, the cast's attribute; None for a visitor who has not signed in)
PERSONAS: tuple[tuple[str, str | None], ...] = (
    ("anonymous", None),
    ("participant", "pat"),
    ("other participant", "olly"),
    ("LLME", "leo"),
    ("other hub's LLME", "lola"),
    ("hub A staff", "harriet"),
    ("hub B staff", "simon"),
    ("national team", "nadia"),
)
COLUMNS = tuple(column for column, _ in PERSONAS)
WHO = {
    "anonymous": "not signed in",
    "participant": "Pat, a participant in Leo's Work Group (hub A)",
    "other participant": "Olly, a participant in another activity of hub A",
    "LLME": "Leo, who leads Pat's Work Group (hub A)",
    "other hub's LLME": "Lola, who leads an activity of hub B",
    "hub A staff": "Harriet, Maths Hub Lead of hub A",
    "hub B staff": "Simon, project manager of hub B",
    "national team": "Nadia, of the national team",
}


def extend(cast) -> None:
    """Add Olly, Lola, their activities, and a personal API token for everyone."""
    olly = f.PersonFactory(
        first_name="Olly", last_name="Other", email="olly@north.example", institution=None
    )
    f.RoleAssignmentFactory(person=olly, role=Role.PARTICIPANT, hub=cast.north, academic_year=2023)
    lola = f.PersonFactory(
        first_name="Lola", last_name="South", email="lola@south.example", institution=None
    )
    f.RoleAssignmentFactory(
        person=lola, role=Role.WORK_GROUP_LEAD, hub=cast.south, academic_year=2023
    )
    other_activity = f.ActivityFactory(hub=cast.north, title="North Another Work Group")
    f.ParticipationFactory(activity=other_activity, person=olly, institution=cast.north_school)
    south_activity = f.ActivityFactory(hub=cast.south, title="South Work Group")
    cast.olly = _user(olly)
    cast.lola = _user(lola)
    south_activity.leads.add(lola)
    f.ParticipationFactory(activity=south_activity, person=cast.sam.person)
    cast.other_activity = other_activity
    cast.south_activity = south_activity
    cast.tokens = {
        attribute: api_token_create(user=getattr(cast, attribute), name="access matrix").secret
        for _, attribute in PERSONAS
        if attribute
    }
