"""Small catalogue files for tests, written to a temporary directory."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

MASTERY_READINESS: dict[str, Any] = {
    "code": "NCP23-08",
    "title": "Mastery Readiness Work Groups",
    "phases": ["primary"],
    "type": "work_group",
    "required": True,
    "project_year": 2,
    "summary": "Schools develop the vital skills and practices for Teaching for Mastery.",
    "outcomes": [{"category": "Professional learning", "items": ["Teachers receive support."]}],
    "model": "A minimum of five schools and a maximum of eight schools.",
    "model_min_schools": 5,
    "model_max_schools": 8,
    "model_size": 7,
    "recommended_lead_days": 30,
    "participant_criteria": [
        {"key": "not_in_tfm", "label": "Not previously in a TfM Work Group", "essential": True},
        {"key": "ofsted_ri", "label": "Latest Ofsted judgement RI or Inadequate"},
        {"key": "poor_data", "label": "Poor maths progress or attainment"},
    ],
    "criteria_minimum_other": 1,
    "national_schedule": [
        {"group": "New leads", "event": "Residential (2 days)", "timing": "Early October"},
        {"group": "New leads", "event": "Webinar (1 hour)", "timing": "December"},
    ],
    "finances": {
        "rules": [
            {
                "kind": "model_size",
                "label": "Work Group grant",
                "text": "There is a grant of £14,150 based upon a seven-school model.",
                "base_amount": 14150,
                "base_schools": 7,
                "per_school_above": 1000,
                "per_school_below": 1000,
            }
        ],
        "notes": ["Travel to national workshops is covered by the MHNF."],
    },
    "journey_stage": "mastery_readiness",
}
MASTERING_NUMBER: dict[str, Any] = {
    "code": "NCP23-07a",
    "title": "Mastering Number at Reception and KS1 Work Groups",
    "phases": ["early_years", "primary"],
    "type": "work_group",
    "required": True,
}
SKTM: dict[str, Any] = {
    "code": "NCP23-26",
    "title": "Specialist Knowledge for Teaching Mathematics: Primary Teachers Programme",
    "phases": ["primary"],
    "type": "programme",
    "required": False,
}


def catalogue(*ncps: dict[str, Any], year: str = "2023/24", **header: Any) -> dict[str, Any]:
    document = {"year": year, "source": "Test handbook", **header}
    document["ncps"] = [copy.deepcopy(ncp) for ncp in ncps] or [copy.deepcopy(MASTERY_READINESS)]
    return document


def write(directory: Path, document: dict[str, Any] | str, name: str = "2023-24.yaml") -> Path:
    path = directory / name
    text = document if isinstance(document, str) else yaml.safe_dump(document, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
