from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from lanhmanh import views
from lanhmanh.api import views as api_views
from lanhmanh.api.api import api
from lanhmanh.security import views as security_views

admin.site.site_header = _("lanhmanh administration")
admin.site.site_title = _("lanhmanh administration")
admin.site.index_title = _("Users, agencies and reference data")

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", security_views.LoginView.as_view(), name="login"),
    path("accounts/two-factor/", include("lanhmanh.security.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/", api_views.account, name="account"),
    path("accounts/tokens/", api_views.token_create, name="token_create"),
    path("accounts/tokens/<int:pk>/revoke/", api_views.token_revoke, name="token_revoke"),
    path("agencies/", include("lanhmanh.agencies.urls")),
    path("plans/", include("lanhmanh.plans.urls")),
    path("reports/", include("lanhmanh.reporting.urls")),
    path("hotspots/", include("lanhmanh.hotspots.urls")),
    path("activities/", include("lanhmanh.activities.urls")),
    path("establishments/", include("lanhmanh.inspections.urls")),
    path("tips/", include("lanhmanh.tips.urls")),
    path("people/", include("lanhmanh.people.urls")),
    path("sanctions/", include("lanhmanh.sanctions.urls")),
    path("assessments/", include("lanhmanh.assessments.urls")),
    path("monitoring/", include("lanhmanh.monitoring.urls")),
    path("units/", include("lanhmanh.places.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through the two-step login, never its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
