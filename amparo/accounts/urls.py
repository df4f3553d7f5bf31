from django.urls import path

from amparo.accounts import views

app_name = "organisation"
urlpatterns = [
    path("settings/", views.organisation_settings_page, name="settings"),
]
