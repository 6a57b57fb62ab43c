from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("calls/<slug:slug>/apply/", views.start, name="start"),
    path("calls/<slug:slug>/applications/", views.call_applications, name="call-applications"),
    path("applications/", views.application_list, name="list"),
    path("applications/invitations/<str:token>/", views.invitation, name="invitation"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/edit/<slug:key>/", views.section, name="section"),
    path(
        "applications/<int:pk>/organisations/<int:org_pk>/edit/<slug:key>/",
        views.section,
        name="org-section",
    ),
    path(
        "applications/<int:pk>/organisations/<int:org_pk>/participants/",
        views.participants,
        name="participants",
    ),
    path(
        "applications/<int:pk>/organisations/<int:org_pk>/confirm/",
        views.confirm,
        name="confirm",
    ),
    path("applications/<int:pk>/invite/", views.invite, name="invite"),
    path(
        "applications/<int:pk>/invitations/<int:invitation_pk>/cancel/",
        views.invitation_cancel,
        name="invitation-cancel",
    ),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/history/", views.history, name="history"),
    path("applications/<int:pk>/application.pdf", views.application_pdf, name="pdf"),
    path("applications/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("applications/<int:pk>/extension/", views.extension, name="extension"),
    path("applications/<int:pk>/status/", views.change_status, name="status"),
]
