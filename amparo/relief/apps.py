from django.apps import AppConfig


class ReliefConfig(AppConfig):
    name = "amparo.relief"
    label = "relief"
