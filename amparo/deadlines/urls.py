from django.urls import path

from amparo.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("<uuid:deadline_id>/steps/", views.steps_page, name="steps"),
    path("<uuid:deadline_id>/done/", views.mark_done, name="done"),
    path("calendar/", views.calendar_create, name="calendar_create"),
    path("calendar/<uuid:feed_id>/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
