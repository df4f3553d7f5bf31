from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "amparo.deadlines"
    label = "deadlines"
