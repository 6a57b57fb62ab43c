from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.directory, name="list"),
    path("organisations/new/", views.create, name="create"),
    path("organisations/<slug:slug>/", views.detail, name="detail"),
    path("organisations/<slug:slug>/edit/", views.edit, name="edit"),
    path("organisations/<slug:slug>/logo.png", views.logo, name="logo"),
    path("organisations/<slug:slug>/members/", views.members, name="members"),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/role/",
        views.member_role,
        name="member-role",
    ),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("organisations/<slug:slug>/leave/", views.leave, name="leave"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
