from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import views
from .forms import PasswordChangeForm

admin.site.site_header = gettext_lazy("KPI Portal · ระบบตัวชี้วัดเจรจาตกลง กรุงเทพมหานคร")
admin.site.site_title = "KPI Portal"
admin.site.index_title = pgettext_lazy("admin index", "ผู้ดูแลระบบ")
handler404 = views.page_not_found

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Pages without our <link rel="icon"> (the admin, a PDF open in the browser) make the browser ask here;
    # a 404 was an error in their console.
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("indicators/", include("indicators.urls")),
    path("scoring/", include("scoring.urls")),
    path("api/", include("kpi_portal.api_urls")),
    path("admin/", admin.site.urls),
]
