from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "amparo.advocacy"
    label = "advocacy"
