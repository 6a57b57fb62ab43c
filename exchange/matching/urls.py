from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("organisations/<slug:slug>/partners/", views.partners, name="partners"),
    path("organisations/<slug:slug>/partners/<slug:candidate_slug>/mark/", views.mark, name="mark"),
]
