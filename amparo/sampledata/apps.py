from django.apps import AppConfig


class SampleDataConfig(AppConfig):
    name = "amparo.sampledata"
    label = "sampledata"
    verbose_name = "Amparo sample data"
