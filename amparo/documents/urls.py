from django.urls import path

from amparo.documents import views

app_name = "documents"
urlpatterns = [
    path("cases/<uuid:case_id>/documents/", views.panel, name="panel"),
    path("cases/<uuid:case_id>/documents/generate/", views.generate, name="generate"),
    path("cases/<uuid:case_id>/documents/upload/", views.upload, name="upload"),
    path("documents/<uuid:document_id>/download/", views.download, name="download"),
    path("documents/templates/", views.template_list_page, name="templates"),
    path("documents/templates/upload/", views.template_upload_page, name="template-upload"),
]
