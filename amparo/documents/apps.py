from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "amparo.documents"
    label = "documents"
