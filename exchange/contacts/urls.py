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
    path("board/", views.board, name="board"),
    path("board/new/", views.board_post_create, name="board-post-create"),
    path("board/digest/", views.board_digest, name="board-digest"),
    path("board/<int:pk>/", views.board_post, name="board-post"),
    path("board/<int:pk>/close/", views.board_post_close, name="board-post-close"),
    path(
        "board/replies/<int:pk>/shortlist/",
        views.board_reply_status,
        {"status": "shortlisted"},
        name="board-reply-shortlist",
    ),
    path(
        "board/replies/<int:pk>/decline/",
        views.board_reply_status,
        {"status": "declined"},
        name="board-reply-decline",
    ),
]
