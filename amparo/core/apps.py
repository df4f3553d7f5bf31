from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "amparo.core"
    label = "core"
    verbose_name = "Amparo core"

    def ready(self) -> None:
        from amparo.core import forms

        forms.install()  # every form refuses what cannot be stored, next to the field
