"""Finance rules of the handbook's worked examples, written as the catalogue YAML writes them
(NCP handbook 2019/20, section J of each project)."""

from __future__ import annotations

MASTERY_READINESS_19_11 = {
    "rules": [
        {
            "kind": "model_size",
            "label": "Work Group grant",
            "text": (
                "There is a grant of £14,150 based upon a seven – school model. This will be "
                "adjusted by £1000 for every school above or below the seven schools."
            ),
            "base_amount": "14150",
            "base_schools": 7,
            "per_school_above": "1000",
            "per_school_below": "1000",
        }
    ],
    "notes": [
        "Costs for travel to the national residential training and national workshops "
        "will be covered by the MHNF."
    ],
}

_SPECIALISTS = (
    "Specialists are funded at £350 per day for f2f contact with schools and £200 for "
    "non-contact days."
)
DEVELOPMENT_19_09 = {
    "rules": [
        {
            "kind": "day_rate",
            "label": "Teacher Research Groups",
            "text": _SPECIALISTS + " 6 TRGs @£350 per day (1 per half term) = £2,100",
            "rate": "350",
            "days": "6",
        },
        {
            "kind": "day_rate",
            "label": "School visits",
            "text": "3 x 7 school visits @£350 per day (1 visit per term per school) = £7,350",
            "rate": "350",
            "days_per_school": "3",
        },
        {
            "kind": "day_rate",
            "label": "Own school, personal and collaborative development",
            "text": "6 days for own school/personal/collaborative development @£200 per day",
            "rate": "200",
            "days": "6",
        },
        {
            "kind": "per_school",
            "label": "Release time for lead teachers",
            "text": (
                "Each Work Group school to receive £1000 towards release time for lead teachers"
            ),
            "amount": "1000",
        },
        {
            "kind": "unit",
            "label": "Travel for school visits",
            "text": "£150 towards travel costs for specialist carrying out school visits",
            "amount": "150",
        },
    ],
}

_CO_FUNDED = (
    "This NCP is co-funded by the Maths Hubs core grant and the Advanced Maths Support "
    "Programme (AMSP) and the full funding per Work Group is £4200 = £2100 AMSP + £2100 "
    "Maths Hub."
)
LEVEL_3_CO_FUNDED = {
    "rules": [
        {
            "kind": "unit",
            "label": "Work Group grant (Maths Hub)",
            "text": _CO_FUNDED,
            "funder": "hub_core_grant",
            "amount": "2100",
        },
        {
            "kind": "unit",
            "label": "Work Group grant (AMSP)",
            "text": _CO_FUNDED,
            "funder": "amsp",
            "amount": "2100",
        },
    ],
    "notes": ["AMSP co-funding is claimable from the AMSP via MEI."],
}

EXCHANGE = {
    "roles": [
        {"key": "primary", "label": "Primary exchange"},
        {"key": "secondary_hosting", "label": "Secondary exchange (hosting)"},
        {"key": "secondary_non_hosting", "label": "Secondary exchange (non-hosting)"},
    ],
    "rules": [
        {
            "kind": "unit",
            "label": "Exchange grant",
            "text": "Primary exchange: £8800",
            "funder": "dfe",
            "roles": ["primary"],
            "amount": "8800",
        },
        {
            "kind": "unit",
            "label": "Exchange grant",
            "text": "Secondary exchange (hosting): £6000",
            "funder": "dfe",
            "roles": ["secondary_hosting"],
            "amount": "6000",
        },
        {
            "kind": "unit",
            "label": "Exchange grant",
            "text": "Secondary exchange (non-hosting): £3300",
            "funder": "dfe",
            "roles": ["secondary_non_hosting"],
            "amount": "3300",
        },
    ],
    "notes": ["The personal expenses of teachers travelling to Shanghai are met by the DfE."],
}

LLME_COMMUNITY = {
    "rules": [
        {
            "kind": "per_hub",
            "label": "LLME community grant",
            "text": "Each hub will receive a unit grant of £3500 to support the work of the "
            "LLME community",
            "amount": "3500",
        }
    ]
}

PD_LEAD_PROGRAMME = {
    "rules": [
        {
            "kind": "per_participant",
            "label": "Release time for applicants",
            "text": "Hubs will sponsor applicants with a payment of £800 for four days of "
            "release time.",
            "funder": "mhnf",
            "amount": "800",
        }
    ]
}
