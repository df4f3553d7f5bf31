from django.urls import path

from amparo.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list_page, name="list"),
    path("<uuid:case_id>/", views.case_detail_page, name="detail"),
    path("<uuid:case_id>/timeline/", views.case_timeline_older, name="timeline"),
    path("<uuid:case_id>/edit/", views.case_edit_page, name="edit"),
]
