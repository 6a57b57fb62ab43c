from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("contacts/", views.inbox, name="inbox"),
    path(
        "contacts/requests/<int:pk>/accept/",
        views.decide,
        {"decision": "accept"},
        name="request-accept",
    ),
    path(
        "contacts/requests/<int:pk>/decline/",
        views.decide,
        {"decision": "decline"},
        name="request-decline",
    ),
    path("contacts/conversations/<int:pk>/", views.conversation, name="conversation"),
    path("organisations/<slug:slug>/contact/", views.request_contact, name="request-create"),
    path("organisations/<slug:slug>/report/", views.report, name="report"),
]
