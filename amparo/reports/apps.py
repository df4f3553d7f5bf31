from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "amparo.reports"
    label = "reports"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from amparo.reports.sql import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="amparo-report-sql")
