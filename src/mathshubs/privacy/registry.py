"""Every reference to a person or an account in the platform's models, and what a
person's download (`export.py`) and an erasure (`services.py`) do with it.

A model that points at `directory.Person` or `accounts.User` must be listed here, as
exported (the file of the download it is in) or left out (why): tests/privacy/
test_registry.py compares this list with every model Django knows, so a new model that
holds personal data cannot ship without a decision about it.

"Left out" here is the download only: erasure still deals with the row (services.py)
where it holds personal data, and replaces the person by their stub everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exported:
    file: str  # the JSON file of the download


@dataclass(frozen=True)
class LeftOut:
    why: str


WORK_IN_A_ROLE = LeftOut(
    "A record of work done in a role (who made, sent or reviewed something); the record "
    "belongs to the programme. On erasure it points at the anonymous stub."
)

REFERENCES: dict[str, Exported | LeftOut] = {
    # directory
    "directory.RoleAssignment.person": Exported("roles.json"),
    "directory.EmailChange.person": Exported("email_changes.json"),
    "directory.EmailChange.changed_by": WORK_IN_A_ROLE,
    "directory.Institution.hub_override_by": WORK_IN_A_ROLE,
    # accounts
    "accounts.User.person": Exported("account.json"),
    "accounts.ApiToken.user": Exported("api_tokens.json"),
    # catalogue
    "catalogue.CatalogueRevision.made_by": WORK_IN_A_ROLE,
    # activities
    "activities.Activity.created_by": WORK_IN_A_ROLE,
    "activities.Activity.leads": Exported("activities_led.json"),
    "activities.Participation.person": Exported("participations.json"),
    "activities.LLMEExpertise.person": Exported("expertise.json"),
    "activities.DevelopmentProgramme.person": Exported("development_programmes.json"),
    # events
    "events.Event.created_by": WORK_IN_A_ROLE,
    "events.Event.organisers": Exported("events_organised.json"),
    "events.Invitation.person": Exported("invitations.json"),
    "events.Invitation.invited_by": WORK_IN_A_ROLE,
    "events.Registration.person": Exported("registrations.json"),
    "events.EventDocument.uploaded_by": Exported("event_documents.json"),
    "events.EventComment.author": Exported("event_comments.json"),
    "events.CalendarFeed.person": Exported("calendar_feed.json"),
    "events.AttendanceImport.imported_by": WORK_IN_A_ROLE,
    # evaluation
    "evaluation.ProjectLead.person": Exported("projects_led.json"),
    "evaluation.HappiForm.created_by": WORK_IN_A_ROLE,
    "evaluation.HappiSection.updated_by": Exported("happi_drafts.json"),
    "evaluation.HappiSection.reviewed_by": WORK_IN_A_ROLE,
    "evaluation.HappiVersion.submitted_by": Exported("happi_submissions.json"),
    "evaluation.HappiVersion.reviewed_by": WORK_IN_A_ROLE,
    "evaluation.HappiAttachment.uploaded_by": Exported("happi_attachments.json"),
    "evaluation.TimelineTick.ticked_by": WORK_IN_A_ROLE,
    "evaluation.SurveyTemplate.created_by": WORK_IN_A_ROLE,
    "evaluation.TemplateVersion.published_by": WORK_IN_A_ROLE,
    "evaluation.Survey.created_by": WORK_IN_A_ROLE,
    "evaluation.SurveyReminder.sent_by": WORK_IN_A_ROLE,
    "evaluation.IdentifiedResponse.person": Exported("survey_answers.json"),
    "evaluation.SurveyCompletion.person": Exported("survey_completions.json"),
    # reporting
    "reporting.ReportExport.requested_by": LeftOut(
        "A report's export holds other people's data and is erased after a few days "
        "(REPORT_EXPORT_RETENTION_DAYS); erasure deletes the person's own."
    ),
    # collaboration
    "collaboration.Space.created_by": WORK_IN_A_ROLE,
    "collaboration.SpaceMember.person": Exported("space_memberships.json"),
    "collaboration.Thread.author": Exported("threads.json"),
    "collaboration.Comment.author": Exported("comments.json"),
    "collaboration.PostRevision.by": Exported("post_revisions.json"),
    "collaboration.Boost.person": Exported("boosts.json"),
    "collaboration.Document.created_by": Exported("documents.json"),
    "collaboration.DocumentVersion.made_by": Exported("document_versions.json"),
    "collaboration.NotificationSetting.person": Exported("notification_settings.json"),
    "collaboration.ThreadUnsubscribe.person": Exported("thread_unsubscribes.json"),
    "collaboration.Mention.person": Exported("mentions.json"),
    "collaboration.SpaceVisit.person": LeftOut(
        "When the person last opened a space, kept only to show what is new; deleted on erasure."
    ),
    # privacy
    "privacy.Erasure.person": LeftOut("Marks an erased stub; it holds no personal data."),
    "privacy.Erasure.by": WORK_IN_A_ROLE,
}

# Personal data held without a foreign key, found by email or account id: listed so the
# docs and the retention schedule name them (docs/privacy.md).
BY_EMAIL_OR_ID = {
    "accounts.VerificationCode": "email; deleted on erasure and by the retention schedule",
    "accounts.LoginFailure": "email; deleted on erasure and by the retention schedule",
    "sessions.Session": "account id inside the session; deleted on erasure and when expired",
    "evaluation.PseudonymousResponse": (
        "keyed pseudonym of the person's id; on erasure re-keyed at random so it can never "
        "be linked to them again (matching within a series is kept)"
    ),
    "events.AttendanceImport.unmatched": (
        "names and emails of a report's unmatched rows; cleared by the retention schedule "
        "and scrubbed of an erased person"
    ),
}


def exported_files() -> set[str]:
    return {ref.file for ref in REFERENCES.values() if isinstance(ref, Exported)}
