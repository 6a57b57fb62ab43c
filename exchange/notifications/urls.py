from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("me/notifications/", views.notification_list, name="list"),
    path("me/notifications/<int:pk>/", views.notification_open, name="open"),
    path("me/notifications/read/", views.mark_all_read, name="read-all"),
    path("me/notifications/settings/", views.preferences, name="preferences"),
]
