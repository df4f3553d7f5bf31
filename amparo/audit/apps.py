from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "amparo.audit"
    label = "audit"

    def ready(self) -> None:
        from amparo.audit import signals  # noqa: F401  (connects the sign-in receivers)
