from django.urls import path

from amparo.courts import views

app_name = "courts"
urlpatterns = [
    path("cases/<uuid:case_id>/court/", views.court_panel, name="panel"),
    path("cases/<uuid:case_id>/court/draft/", views.draft, name="draft"),
    path("court-cases/<uuid:court_case_id>/file/", views.file, name="file"),
    path("court-cases/<uuid:court_case_id>/orders/", views.order, name="order"),
    path("orders/<uuid:order_id>/compliance/", views.compliance, name="compliance"),
    path("court-orders/compliance/", views.compliance_report, name="compliance-report"),
]
