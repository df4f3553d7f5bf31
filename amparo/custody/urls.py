from django.urls import path

from amparo.custody import views

app_name = "custody"
urlpatterns = [
    path("facilities/", views.facility_list_page, name="facility-list"),
    path("facilities/<uuid:facility_id>/", views.facility_page, name="facility-detail"),
    path("cases/<uuid:case_id>/custody/", views.custody_panel, name="panel"),
    path("cases/<uuid:case_id>/custody/transfer/", views.transfer, name="transfer"),
    path(
        "cases/<uuid:case_id>/custody/alerts/<uuid:alert_id>/resolve/",
        views.resolve_alert,
        name="resolve-alert",
    ),
]
