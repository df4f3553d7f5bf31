from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "amparo.people"
    label = "people"
