"""The pairing's URLs, added to selection.urls (namespace "selection")."""

from django.urls import path

from . import views

STAFF = "staff/calls/<slug:slug>/"

urlpatterns = [
    path(f"{STAFF}pairing/", views.pairing, name="pairing"),
    path(f"{STAFF}pairing/propose/", views.pair_propose, name="pair-propose"),
    path("pairs/<int:pk>/", views.pair, name="pair"),
]
