from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from amparo.accounts import views as account_language_views
from amparo.api.errors import api_not_found
from amparo.api.main import api
from amparo.cases import views_intake

# The admin signs in through allauth too, so lockout and MFA apply there as well.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views_intake.home, name="home"),
    # allauth's sign-in and sign-out, also under the names the templates use.
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/language/", account_language_views.language_set, name="language-set"),
    path("accounts/", include("allauth.urls")),
    path("organisation/", include("amparo.accounts.urls")),
    path("audit/", include("amparo.audit.urls")),
    path("", include("amparo.advocacy.urls")),
    path("cases/", include("amparo.cases.urls")),
    path("reports/", include("amparo.reports.urls")),
    path("deadlines/", include("amparo.deadlines.urls")),
    path("", include("amparo.custody.urls")),
    path("", include("amparo.courts.urls")),
    path("", include("amparo.relief.urls")),
    path("", include("amparo.documents.urls")),
    path("", include("amparo.exchange.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]
