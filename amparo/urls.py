from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from amparo.api.errors import api_not_found
from amparo.api.main import api
from amparo.cases import views as case_views

urlpatterns = [
    path("", case_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", include("amparo.cases.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]
