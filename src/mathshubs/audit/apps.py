from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mathshubs.audit"
    verbose_name = "Audit trail: who changed which record, when, and what changed"
