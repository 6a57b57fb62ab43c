from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/profile/", views.profile, name="profile"),
    path("me/data/", views.data, name="data"),
    path("me/data/download/", views.data_download, name="data-download"),
    path("me/delete/", views.account_delete, name="delete"),
    path("i18n/language/", views.set_language, name="set-language"),
    path("privacy/", views.privacy, name="privacy"),
]
