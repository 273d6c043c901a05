"""Seeds the database named by DATABASE_URL for the multi-process tests and prints what the
test needs as JSON: an event of an activity with PLACES places and PARTICIPANTS people
taking part, others to invite, an organiser, and a personal API token for each.

Run as `python -m tests.deploy.seed PLACES PARTICIPANTS OTHERS` (a process of its own, so
the test's own Django, pointed at its test database, is never involved)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys


def main(places: int, participants: int, others: int) -> dict[str, object]:
    from django.utils import timezone

    from mathshubs.accounts.models import User
    from mathshubs.accounts.services import api_token_create
    from mathshubs.directory.models import Role
    from tests import factories as f

    hub = f.HubFactory(name="Scale Maths Hub", slug="scale")
    la = f.LocalAuthorityFactory(code="399", name="Scaleshire")
    f.HubAreaFactory(hub=hub, local_authority=la)
    school = f.InstitutionFactory(name="Scale Primary", local_authority=la, hub=hub)
    activity = f.ActivityFactory(hub=hub, title="Scale Work Group")

    def person_with_token(email: str, role: str) -> tuple[object, str]:
        person = f.PersonFactory(email=email, institution=school)
        f.RoleAssignmentFactory(person=person, role=role, hub=hub, academic_year=2023)
        user = User.objects.create_user(email=email, password=None, person=person)
        return person, api_token_create(user=user, name="scale-out").secret

    lead, lead_token = person_with_token("lead@scale.example", Role.WORK_GROUP_LEAD)
    activity.leads.add(lead)
    people = []
    for n in range(participants):
        person, token = person_with_token(f"p{n:03d}@scale.example", Role.PARTICIPANT)
        f.ParticipationFactory(activity=activity, person=person, institution=school)
        people.append({"id": person.pk, "email": person.email, "token": token})
    outsiders = [
        f.PersonFactory(email=f"o{n:03d}@scale.example", institution=school).email
        for n in range(others)
    ]
    starts = (timezone.now() + dt.timedelta(days=60)).replace(microsecond=0)
    event = f.EventFactory(
        activity=activity, title="Scale session", starts_at=starts, capacity=places
    )
    return {
        "event": event.pk,
        "places": places,
        "lead_token": lead_token,
        "people": people,
        "outsiders": outsiders,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    import django

    django.setup()
    print(json.dumps(main(*(int(arg) for arg in sys.argv[1:4]))))
