from django.urls import path

from amparo.audit import views

app_name = "audit"
urlpatterns = [
    path("cases/<uuid:case_id>/", views.case_access_log_page, name="case-log"),
    path("export.csv", views.organisation_log_export, name="export"),
]
