"""The directory: hubs, the areas they serve, institutions and people.

DOMAIN.md, "Structure" and "Who uses it".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from mathshubs.dates import academic_year_label


class LocalAuthority(models.Model):
    """An English local authority, keyed by its 3-digit DfE code (GIAS `LA (code)`)."""

    code = models.CharField(max_length=3, unique=True)
    gss_code = models.CharField(max_length=9, blank=True)
    name = models.CharField(max_length=100)
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=50, blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class AreaConfidence(models.TextChoices):
    HIGH = "high", "High: the hub's own recent page"
    MEDIUM = "medium", "Medium: an older or indirect page"
    LOW = "low", "Low: inferred, illustrative"


class Hub(models.Model):
    """One of the 40 Maths Hubs. A hub keeps its identity when it is renamed."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    region = models.CharField(max_length=50)
    lead_institution_name = models.CharField(
        max_length=255, blank=True, help_text="As published; blank when not known."
    )
    lead_institution = models.ForeignKey(
        "Institution", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    contact_is_demo = models.BooleanField(
        default=False, help_text="Contact details invented for the demo, not the hub's own."
    )
    area_confidence = models.CharField(
        max_length=10, choices=AreaConfidence.choices, default=AreaConfidence.HIGH
    )
    sources = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def area_is_illustrative(self) -> bool:
        return self.area_confidence == AreaConfidence.LOW


class HubName(models.Model):
    """A name a hub was known by before (e.g. North West Two became Turing NW)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=120)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["until"]


class HubLeadInstitution(models.Model):
    """The history of a hub's lead institution (leads change: London South East, 2015)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="lead_history")
    name = models.CharField(max_length=255)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["since"]


class HubArea(models.Model):
    """A local authority, or one district of a split authority, that a hub serves.

    Lancashire, Norfolk, Suffolk, Nottinghamshire and Devon are split between two
    hubs by district (shared/data/HUBS.md), so a row names a district when the
    authority is split and leaves it blank when the hub serves all of it.
    """

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="areas")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    district_code = models.CharField(max_length=9, blank=True)
    district_name = models.CharField(max_length=100, blank=True)
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "district_code"], name="one_hub_per_area"
            )
        ]
        ordering = ["local_authority__name", "district_name"]


class Phase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early Years"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special"
    ALTERNATIVE = "alternative", "Alternative provision"
    POST16 = "post16", "Post-16"
    ITT = "itt", "Initial teacher training"
    OTHER = "other", "Other"


class Institution(models.Model):
    """A school, college or ITT provider, identified by its URN."""

    urn = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=255)
    # Lower-cased, punctuation-free form of the name: prefix search uses its index.
    search_name = models.CharField(max_length=255, db_index=True)
    establishment_type = models.CharField(max_length=120, blank=True)
    establishment_type_group = models.CharField(max_length=120, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.OTHER)
    is_state_funded = models.BooleanField(default=True)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district_code = models.CharField(max_length=9, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # Postcode without its space, upper case: "EC3A5DE". Outward code is what precedes the
    # last three characters.
    postcode_key = models.CharField(max_length=8, blank=True, db_index=True)
    is_open = models.BooleanField(default=True)
    status = models.CharField(max_length=60, blank=True)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    percent_disadvantaged = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    ofsted_rating = models.CharField(max_length=40, blank=True)
    hub = models.ForeignKey(
        Hub,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions",
        help_text="The serving hub: the override if set, else from the area.",
    )
    hub_override = models.ForeignKey(
        Hub,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set by the national team when a school works with another hub.",
    )
    hub_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hub_override_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="gias")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["hub", "phase"]),
            models.Index(fields=["local_authority", "phase"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"


class Role(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    # LLME roles (DOMAIN.md, "LLMEs")
    MASTERY_SPECIALIST = "mastery_specialist", "Mastery Specialist"
    WORK_GROUP_LEAD = "work_group_lead", "Work Group Lead"
    COHORT_LEAD = "cohort_lead", "Cohort Lead"
    COMMUNITY_LEAD = "community_lead", "Community Lead"
    PD_LEAD = "pd_lead", "PD Lead"
    TARGETED_SUPPORT_PARTNER = "targeted_support_partner", "Targeted Support Partner"
    RIWG_LEAD = "riwg_lead", "RIWG Lead"
    # Hub staff roles: the leadership and management team
    MATHS_HUB_LEAD = "maths_hub_lead", "Maths Hub Lead"
    ASSISTANT_MATHS_HUB_LEAD = "assistant_maths_hub_lead", "Assistant Maths Hub Lead"
    SENIOR_LEADERSHIP_LINK = "senior_leadership_link", "Senior Leadership Link"
    PROJECT_MANAGER = "project_manager", "Project manager"
    FINANCE_ADMINISTRATOR = "finance_administrator", "Finance administrator"
    STRATEGIC_BOARD_MEMBER = "strategic_board_member", "Strategic Board member"
    # National
    NATIONAL_TEAM = "national_team", "National team"


LLME_ROLES = frozenset(
    {
        Role.MASTERY_SPECIALIST,
        Role.WORK_GROUP_LEAD,
        Role.COHORT_LEAD,
        Role.COMMUNITY_LEAD,
        Role.PD_LEAD,
        Role.TARGETED_SUPPORT_PARTNER,
        Role.RIWG_LEAD,
        # Maths Hub Leads and Assistant Maths Hub Leads are LLMEs as well as hub staff.
        Role.MATHS_HUB_LEAD,
        Role.ASSISTANT_MATHS_HUB_LEAD,
    }
)
# The roles that see and manage everything in their hub.
HUB_STAFF_ROLES = frozenset(
    {
        Role.MATHS_HUB_LEAD,
        Role.ASSISTANT_MATHS_HUB_LEAD,
        Role.SENIOR_LEADERSHIP_LINK,
        Role.PROJECT_MANAGER,
        Role.FINANCE_ADMINISTRATOR,
    }
)
LEADERSHIP_ORDER = [
    Role.MATHS_HUB_LEAD,
    Role.ASSISTANT_MATHS_HUB_LEAD,
    Role.SENIOR_LEADERSHIP_LINK,
    Role.PROJECT_MANAGER,
    Role.FINANCE_ADMINISTRATOR,
]


class Person(models.Model):
    """Someone the programme knows, by their main contact email.

    The main contact email is the only address that can create an account
    (handbook, Practicalities) and only hub staff or the national team change it.
    """

    email = models.EmailField(max_length=254)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="person_email_unique_ci"),
        ]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RoleAssignment(models.Model):
    """A role a person holds, in a hub (blank for the national team) and a year (blank: ongoing)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=40, choices=Role.choices)
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "hub", "academic_year"], name="one_role_assignment"
            )
        ]
        indexes = [
            models.Index(fields=["hub", "role", "academic_year"]),
            # The programme's year is the latest year held (rules.programme_year).
            models.Index(fields=["academic_year"], name="role_year"),
        ]

    def __str__(self) -> str:
        parts = [self.get_role_display()]
        if self.hub_id:
            parts.append(str(self.hub))
        if self.academic_year:
            parts.append(academic_year_label(self.academic_year))
        return ", ".join(parts)


class EmailChange(models.Model):
    """Every change of a person's main contact email: who, when, old, new."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="email_changes")
    old_email = models.EmailField(max_length=254)
    new_email = models.EmailField(max_length=254)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
