"""The editor's forms (ISSUE 12, part 2): a year to make, a project with every field of the
handbook's A-K template, the year's details. A project form builds the catalogue file's
own entry (`schema.NCPEntry`), so the editor refuses exactly what an import refuses, and
names the field; what the user typed is kept on every refusal."""

from __future__ import annotations

import re
from typing import Any

import yaml
from django import forms
from pydantic import ValidationError as SchemaError

from mathshubs.catalogue.importers import _reason
from mathshubs.catalogue.models import (
    NCP,
    AcademicYear,
    JourneyStage,
    NCPPhase,
    NCPType,
    default_stages,
)
from mathshubs.catalogue.schema import OUTCOME_CATEGORIES, NCPEntry, StageEntry, YearFacts
from mathshubs.catalogue.services import ncp_entry
from mathshubs.dates import parse_year_text

PARTNER_ROWS = 3
YES_NO = [("", "Not stated"), ("yes", "Yes"), ("no", "No")]
CRITERION = re.compile(r"^(\*)?\s*([a-z0-9_]+)\s*:\s*(.+)$")
BAD_CRITERION = (
    'Line {line} ("{text}"): write each criterion as key: label, with * before an essential '
    "one, like * not_in_tfm: Not previously in a TfM Work Group"
)
BAD_FINANCES = "The finances are not valid YAML ({problem}): see docs/catalogue.md, Finances"
NOT_A_YEAR = "Write the academic year like 2025/26"
BAD_STAGE = (
    'Line {line} ("{text}"): write each stage as key | name | journey stage, like '
    "secondary_sustaining | Secondary Sustaining | secondary_embedding_sustaining"
)
YEAR_HINT = "For example, 2025/26"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _text(label: str, hint: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, **kwargs)


def _area(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea)


def _whole(label: str, hint: str = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, help_text=hint, min_value=0)


def _tick(label: str, hint: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=hint)


class YearCreateForm(forms.Form):
    year = forms.CharField(label="Academic year", help_text=YEAR_HINT, max_length=9)
    copy_from = forms.ChoiceField(label="Start from", required=False)

    def __init__(self, *args: Any, years: list[AcademicYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [
            ("", "An empty catalogue"),
            *((str(y.start_year), f"A copy of {y.label}") for y in years),
        ]

    def clean_year(self) -> int:
        start = parse_year_text(self.cleaned_data["year"].strip())
        if start is None:
            raise forms.ValidationError(NOT_A_YEAR)
        return start


class ProjectForm(forms.Form):
    """Every field of a project, grouped as the template's sections (A-K)."""

    title = forms.CharField(label="Title", max_length=255)
    code = _text("Code", "Leave empty until the menu gives one", max_length=20)
    slug = _text(
        "Short name in addresses",
        "Lower-case letters, digits and hyphens; made from the title when left empty",
        max_length=80,
    )
    new = _tick("Flagged NEW this year")
    centrally_led = _tick("Centrally led", "Led by the NCETM rather than by the hubs")
    formerly = _area("Formerly known as", "One earlier title a line")
    phases = forms.MultipleChoiceField(
        label="Phases",
        required=False,
        choices=NCPPhase.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Not stated"), *NCPType.choices]
    )
    required = forms.ChoiceField(label="Required of every hub", required=False, choices=YES_NO)
    project_year = _whole("Project year", "2 for a project in its second year")
    strategic_goal = _area("Strategic goal")
    summary = _area("A. Summary")
    purpose = _area("B. Purpose")
    model = _area("D. The model")
    model_min_schools = _whole("D. Fewest schools in the model")
    model_max_schools = _whole("D. Most schools in the model")
    model_size = _whole("D. The model size a grant is based on")
    coordination_team = _area("E. Project co-ordination team")
    lead_requirements = _area("F. Work Group Leads")
    recommended_lead_days = forms.DecimalField(
        label="F. Days a lead should expect to give",
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
    )
    participant_criteria_text = _area("G. Participants, in the handbook's words")
    participant_criteria = _area(
        "G. Participant criteria",
        "One a line as key: label; put * before an essential one "
        "(* not_in_tfm: Not previously in a TfM Work Group)",
    )
    criteria_minimum_other = _whole("G. How many other criteria a school must also meet")
    participation_target = _area("H. Participation target")
    participation_target_schools = _whole("H. National target in schools")
    national_schedule = _area(
        "I. National workshops and webinars",
        "One event a line as group | event | timing | location (only the event is needed)",
    )
    national_schedule_notes = _area("I. What the handbook says around the schedule")
    finances = _area(
        "J. Finances",
        "As in a catalogue file: roles, rules and notes in YAML (see docs/catalogue.md)",
    )
    evaluation = _area("K. Evaluation")
    journey_stage = forms.ChoiceField(label="Teaching for Mastery stage", required=False)
    joins_any_time = _tick("Schools may join at any point in the year")
    note = _text(
        "What changed and why",
        "The year is published: the change is kept as a revision with your name, the time "
        "and this note (left empty, the revision says what was changed)",
        max_length=300,
    )

    def __init__(self, *args: Any, year: AcademicYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["journey_stage"].choices = [
            ("", "None"),
            *((s.key, s.name) for s in year.stages.order_by("position")),
        ]
        for phase, label in NCPPhase.choices:
            self.fields[f"title_{phase}"] = _text(f"Title for {label}", max_length=255)
        for i, category in enumerate(OUTCOME_CATEGORIES):
            self.fields[f"outcomes_{i}"] = _area(f"C. Outcomes: {category}", "One a line")
        for row in range(1, PARTNER_ROWS + 1):
            self.fields[f"partner_{row}_name"] = _text(f"Partner {row}", max_length=120)
            self.fields[f"partner_{row}_amount"] = forms.DecimalField(
                label=f"Partner {row}: amount in pounds",
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=2,
                help_text="Leave empty when the menu gives none",
            )
            self.fields[f"partner_{row}_note"] = _text(f"Partner {row}: note", max_length=200)

    @staticmethod
    def initial_for(ncp: NCP) -> dict[str, Any]:
        """The form's values for a project, from its catalogue entry."""
        entry = ncp_entry(ncp)
        data: dict[str, Any] = entry.model_dump(mode="json")
        data["code"] = entry.code or ""
        data["type"] = entry.type or ""
        data["required"] = {True: "yes", False: "no"}.get(entry.required, "")
        data["journey_stage"] = entry.journey_stage or ""
        data["formerly"] = "\n".join(entry.formerly)
        for phase, title in entry.phase_titles.items():
            data[f"title_{phase}"] = title
        by_category = {group.category: group.items for group in entry.outcomes}
        for i, category in enumerate(OUTCOME_CATEGORIES):
            data[f"outcomes_{i}"] = "\n".join(by_category.get(category, []))
        for row, partner in enumerate(entry.partners, start=1):
            data[f"partner_{row}_name"] = partner.name
            data[f"partner_{row}_amount"] = partner.amount
            data[f"partner_{row}_note"] = partner.note
        data["participant_criteria"] = "\n".join(
            f"{'* ' if c.essential else ''}{c.key}: {c.label}" for c in entry.participant_criteria
        )
        data["national_schedule"] = "\n".join(
            " | ".join([r.group, r.event, r.timing, r.location]).rstrip(" |")
            for r in entry.national_schedule
        )
        finances = entry.finances.model_dump(mode="json", exclude_defaults=True)
        data["finances"] = yaml.safe_dump(finances, sort_keys=False) if finances else ""
        return data

    def _criteria(self, text: str) -> list[dict[str, Any]]:
        found = []
        for number, line in enumerate(_lines(text), start=1):
            match = CRITERION.match(line)
            if match is None:
                self.add_error("participant_criteria", BAD_CRITERION.format(line=number, text=line))
                continue
            found.append({"key": match[2], "label": match[3].strip(), "essential": bool(match[1])})
        return found

    @staticmethod
    def _schedule(text: str) -> list[dict[str, str]]:
        rows = []
        for line in _lines(text):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) == 1:
                parts = ["", parts[0]]
            parts += [""] * (4 - len(parts))
            rows.append(dict(zip(("group", "event", "timing", "location"), parts[:4], strict=True)))
        return rows

    def _finances(self, text: str) -> dict[str, Any]:
        if not (text or "").strip():
            return {}
        try:
            found = yaml.safe_load(text)
        except yaml.YAMLError as error:
            problem = str(getattr(error, "problem", "") or error)
            self.add_error("finances", BAD_FINANCES.format(problem=problem))
            return {}
        return found if isinstance(found, dict) else {"notes": [str(found)]}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        entry: dict[str, Any] = {
            name: data.get(name)
            for name in (
                "title",
                "new",
                "centrally_led",
                "project_year",
                "model_min_schools",
                "model_max_schools",
                "model_size",
                "recommended_lead_days",
                "participation_target_schools",
                "joins_any_time",
            )
        }
        for name in (
            "strategic_goal",
            "summary",
            "purpose",
            "model",
            "coordination_team",
            "lead_requirements",
            "participant_criteria_text",
            "participation_target",
            "national_schedule_notes",
            "evaluation",
        ):
            entry[name] = (data.get(name) or "").strip()
        entry["code"] = (data.get("code") or "").strip() or None
        entry["slug"] = (data.get("slug") or "").strip() or None
        entry["formerly"] = _lines(data.get("formerly", ""))
        entry["phases"] = list(data.get("phases") or [])
        entry["type"] = data.get("type") or None
        entry["required"] = {"yes": True, "no": False}.get(data.get("required") or "")
        entry["journey_stage"] = data.get("journey_stage") or None
        entry["criteria_minimum_other"] = data.get("criteria_minimum_other") or 0
        entry["phase_titles"] = {
            phase: data[f"title_{phase}"].strip()
            for phase in NCPPhase.values
            if (data.get(f"title_{phase}") or "").strip()
        }
        entry["outcomes"] = [
            {"category": category, "items": _lines(data.get(f"outcomes_{i}", ""))}
            for i, category in enumerate(OUTCOME_CATEGORIES)
            if _lines(data.get(f"outcomes_{i}", ""))
        ]
        entry["partners"] = [
            {
                "name": data[f"partner_{row}_name"].strip(),
                "amount": data.get(f"partner_{row}_amount"),
                "note": (data.get(f"partner_{row}_note") or "").strip(),
            }
            for row in range(1, PARTNER_ROWS + 1)
            if (data.get(f"partner_{row}_name") or "").strip()
        ]
        entry["participant_criteria"] = self._criteria(data.get("participant_criteria", ""))
        entry["national_schedule"] = self._schedule(data.get("national_schedule", ""))
        entry["finances"] = self._finances(data.get("finances", ""))
        if self.errors:
            return data
        try:
            data["entry"] = NCPEntry.model_validate(
                entry, context={"start_year": self.year.start_year}
            )
        except SchemaError as invalid:
            for error in invalid.errors():
                self.add_error(self._field_for(error["loc"]), _reason(error))
        return data

    def _field_for(self, loc: tuple) -> str | None:
        """The form field a schema error belongs to (None: the whole form)."""
        if not loc:
            return None
        head = str(loc[0])
        if head == "phase_titles" and len(loc) > 1:
            return f"title_{loc[1]}"
        if head == "partners" and len(loc) > 2:
            part = "amount" if loc[2] == "amount" else "name"
            return f"partner_{int(loc[1]) + 1}_{part}"
        if head == "outcomes":
            return "outcomes_0"
        return head if head in self.fields else None


class YearDetailsForm(forms.Form):
    source = _text("Source", "Where the catalogue comes from: Maths Hubs menu 2025/26")
    hubs = _whole("Maths Hubs")
    llmes_per_hub = _whole("Active LLMEs expected of each hub")
    llmes_national = _whole("Active LLMEs expected nationally")
    fully_funded = forms.ChoiceField(
        label="Are the projects fully funded?", required=False, choices=YES_NO
    )
    stages = forms.CharField(
        label="Teaching for Mastery stages",
        required=False,
        widget=forms.Textarea,
        help_text=(
            "One a line as key | the menu's name | the journey stage it places a school at "
            f"({', '.join(JourneyStage.values)}). Left empty: the journey's own"
        ),
    )
    note = ProjectForm.base_fields["note"]

    @staticmethod
    def initial_for(year: AcademicYear) -> dict[str, Any]:
        return {
            "source": year.source,
            "hubs": year.hubs,
            "llmes_per_hub": year.llmes_per_hub,
            "llmes_national": year.llmes_national,
            "fully_funded": {True: "yes", False: "no"}.get(year.fully_funded, ""),
            "stages": "\n".join(
                f"{s.key} | {s.name} | {s.journey}" for s in year.stages.order_by("position")
            ),
        }

    def _stages(self, text: str) -> list[StageEntry]:
        found = []
        for number, line in enumerate(_lines(text), start=1):
            parts = [part.strip() for part in line.split("|")]
            try:
                if len(parts) != 3:
                    raise ValueError
                found.append(
                    StageEntry.model_validate(
                        {"key": parts[0], "name": parts[1], "journey": parts[2]}
                    )
                )
            except (ValueError, SchemaError):
                self.add_error("stages", BAD_STAGE.format(line=number, text=line))
        if not _lines(text):  # as in a file: a year naming none has the journey's own
            found = [
                StageEntry(key=key, name=name, journey=JourneyStage(journey))
                for key, name, journey in default_stages()
            ]
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            data["facts"] = YearFacts.model_validate(
                {
                    "hubs": data.get("hubs"),
                    "llmes_per_hub": data.get("llmes_per_hub"),
                    "llmes_national": data.get("llmes_national"),
                    "fully_funded": {"yes": True, "no": False}.get(data.get("fully_funded") or ""),
                }
            )
            data["stage_entries"] = self._stages(data.get("stages", ""))
        except SchemaError as invalid:
            for error in invalid.errors():
                field = str(error["loc"][0]) if error["loc"] else None
                self.add_error(field if field in self.fields else None, _reason(error))
        return data
