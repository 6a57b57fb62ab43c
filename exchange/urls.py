from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from exchange.core import views as core_views

# The admin signs in through allauth (throttled, two-factor) rather than its own form.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Civil Society Exchange"

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("exchange.accounts.urls")),
    path("", include("exchange.organisations.urls")),
    path("", include("exchange.matching.urls")),
    path("", include("exchange.contacts.urls")),
    path("", include("exchange.calls.urls")),
    path("", include("exchange.applications.urls")),
]
