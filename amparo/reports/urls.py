from django.urls import path

from amparo.reports import views

app_name = "reports"
urlpatterns = [
    path("agency-answers/", views.agency_answers_page, name="agency-answers"),
]
