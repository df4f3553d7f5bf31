from django.urls import path

from amparo.reports import views
from amparo.reports.catalogue import REPORTS

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("agency-answers/", views.agency_answers_page, name="agency-answers"),
    *(
        path(f"{report.slug}/", views.report_page, {"report": report.slug}, name=report.slug)
        for report in REPORTS
    ),
]
