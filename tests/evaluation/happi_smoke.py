"""Smoke-test samples for the HAPPI pages (merged into tests/access/samples.py)."""

from django.core.files.base import ContentFile

from mathshubs.evaluation.models import HappiAttachment, SectionKind
from mathshubs.evaluation.services import happi_create


def _form(c):
    return happi_create(activity=c.activity, by=c.leo)


def _section(c, kind=SectionKind.PLAN):
    _form(c)
    return [c.activity.pk, kind]


def _attachment(c):
    section = _form(c).sections.get(kind=SectionKind.IMPACT)
    attachment = HappiAttachment(section=section, title="Pupil voice", size=4)
    attachment.file.save("voice.txt", ContentFile(b"good"), save=True)
    return [c.activity.pk, attachment.pk]


SAMPLES = {
    "evaluation:happi": lambda c: ([c.activity.pk], ""),
    "evaluation:happi_create": lambda c: ([c.activity.pk], ""),
    "evaluation:section": lambda c: (_section(c), ""),
    "evaluation:review": lambda c: (_section(c), ""),
    "evaluation:version": lambda c: ([*_section(c), 1], ""),
    "evaluation:compare": lambda c: (_section(c, SectionKind.PROGRESS), "?from=1&to=2"),
    "evaluation:attachment_upload": lambda c: ([c.activity.pk], ""),
    "evaluation:attachment_download": lambda c: (_attachment(c), ""),
    "evaluation:attachment_delete": lambda c: (_attachment(c), ""),
    "evaluation:timeline": lambda c: ([c.activity.pk], ""),
    "evaluation:project_leads": lambda c: ([c.mastery_readiness.code], ""),
    "evaluation:project_lead_remove": lambda c: ([c.mastery_readiness.code, c.leo.person.pk], ""),
    "api:happi": lambda c: ([c.activity.pk], ""),
    "api:happi_create": lambda c: ([c.activity.pk], ""),
    "api:happi_section_save": lambda c: (_section(c), ""),
    "api:happi_section_submit": lambda c: (_section(c), ""),
    "api:happi_section_return": lambda c: (_section(c), ""),
    "api:happi_section_accept": lambda c: (_section(c), ""),
    "api:happi_version": lambda c: ([*_section(c), 1], ""),
    "api:happi_compare": lambda c: (_section(c), "?from=1&to=2"),
    "api:happi_list": lambda c: ([], "?year=2023"),
}
# Leo leads the activity and Harriet is its hub's staff; Nadia reads as the national team.
# Pat takes part (the form is not for participants); Sam and Simon are of another hub.
