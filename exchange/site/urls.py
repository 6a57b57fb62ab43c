from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("me/", views.home, name="home"),
]
