from django.apps import AppConfig


class CourtsConfig(AppConfig):
    name = "amparo.courts"
    label = "courts"
