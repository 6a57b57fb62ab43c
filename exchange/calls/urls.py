from django.urls import path

from . import views
from .staff import urls as staff_urls

app_name = "calls"

urlpatterns = [
    path("calls/", views.call_list, name="list"),
    path("calls/<slug:slug>/", views.call_detail, name="detail"),
    path("calls/<slug:slug>/calendar.ics", views.call_calendar, name="calendar"),
    *staff_urls.urlpatterns,
]
