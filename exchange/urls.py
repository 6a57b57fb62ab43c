from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

# The admin signs in through allauth (throttled, two-factor) rather than its own form.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Civil Society Exchange"

urlpatterns = [
    path("", include("exchange.site.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("exchange.api.urls")),
    path("", include("exchange.accounts.urls")),
    path("", include("exchange.organisations.urls")),
    path("", include("exchange.matching.urls")),
    path("", include("exchange.contacts.urls")),
    path("", include("exchange.calls.urls")),
    path("", include("exchange.applications.urls")),
    path("", include("exchange.selection.urls")),
    path("", include("exchange.partnerships.urls")),
    path("", include("exchange.partnerships.visits.urls")),
    path("", include("exchange.partnerships.money.urls")),
    path("", include("exchange.partnerships.reports.urls")),
    path("", include("exchange.partnerships.meetings.urls")),
    path("", include("exchange.library.urls")),
    path("", include("exchange.notifications.urls")),
    path("", include("exchange.api.page_urls")),
]
