from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "amparo.search"
    label = "search"
    verbose_name = "Search"
