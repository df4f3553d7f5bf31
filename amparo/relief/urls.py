from django.urls import path

from amparo.relief import views

app_name = "relief"
urlpatterns = [
    path("cases/<uuid:case_id>/requests/", views.request_panel, name="panel"),
    path("cases/<uuid:case_id>/next-steps/", views.next_steps, name="next-steps"),
    path("relief/requests/<uuid:request_id>/submit/", views.submit, name="submit"),
    path("relief/requests/<uuid:request_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("relief/requests/<uuid:request_id>/decision/", views.decide, name="decision"),
    path("relief/requests/<uuid:request_id>/withdraw/", views.withdraw, name="withdraw"),
]
