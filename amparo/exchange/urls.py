from django.urls import path

from amparo.exchange import views

app_name = "exchange"

urlpatterns = [
    path("imports/", views.import_list_page, name="imports"),
    path("imports/<uuid:run_id>/", views.import_detail_page, name="import-detail"),
    path("imports/<uuid:run_id>/confirm/", views.import_confirm_page, name="import-confirm"),
    path("imports/<uuid:run_id>/rerun/", views.import_rerun_page, name="import-rerun"),
    path(
        "imports/<uuid:run_id>/rows-to-fix.csv", views.import_bad_rows_page, name="import-bad-rows"
    ),
    path("organisation/export.zip", views.organisation_export_page, name="organisation-export"),
    path("organisation/exports/", views.organisation_exports_page, name="exports"),
    path("organisation/exports/<uuid:export_id>/", views.export_detail_page, name="export-detail"),
    path(
        "organisation/exports/<uuid:export_id>/export.zip",
        views.export_download_page,
        name="export-download",
    ),
    path("cases/<uuid:case_id>/export.zip", views.case_export_page, name="case-export"),
]
