from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/profile/", views.profile, name="profile"),
    path("i18n/language/", views.set_language, name="set-language"),
    path("privacy/", views.privacy, name="privacy"),
]
