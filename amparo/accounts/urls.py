from django.urls import path

from amparo.accounts import views

app_name = "organisation"
urlpatterns = [
    path("settings/", views.organisation_settings_page, name="settings"),
    path("members/", views.organisation_members_page, name="members"),
    path("members/<uuid:membership_id>/", views.organisation_member_page, name="member"),
]
