from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "amparo.custody"
    label = "custody"
