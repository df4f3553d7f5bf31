from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "amparo.audit"
    label = "audit"
