from django.urls import path

from amparo.advocacy import public_views

app_name = "advocacy"
urlpatterns = [
    path("public/<str:slug>/", public_views.public_case_page, name="public-page"),
    path(
        "cases/<uuid:case_id>/publication/",
        public_views.publication_page,
        name="publication",
    ),
]
