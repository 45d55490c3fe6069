from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "knutpunkt.audit"
    label = "audit"
