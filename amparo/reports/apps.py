from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "amparo.reports"
    label = "reports"
