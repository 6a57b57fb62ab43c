from django.urls import path

from . import views
from .pairing import urls as pairing_urls

app_name = "selection"

STAFF = "staff/calls/<slug:slug>/"

urlpatterns = [
    path(f"{STAFF}screening/", views.screening, name="screening"),
    path(f"{STAFF}screening/refresh/", views.refresh, name="refresh"),
    path(f"{STAFF}applications/<int:pk>/screen/", views.screen, name="screen"),
    path(f"{STAFF}applications/<int:pk>/review/", views.application, name="application"),
    path(f"{STAFF}applications/<int:pk>/assign/", views.assign_by_hand, name="assign-by-hand"),
    path(f"{STAFF}applications/<int:pk>/decide/", views.decide, name="decide"),
    path(f"{STAFF}applications/<int:pk>/offer/", views.offer, name="offer"),
    path(f"{STAFF}reviewers/", views.reviewers, name="reviewers"),
    path(
        f"{STAFF}reviewers/<int:reviewer_pk>/remove/", views.reviewer_remove, name="reviewer-remove"
    ),
    path(f"{STAFF}assignment/", views.assignment, name="assignment"),
    path(f"{STAFF}reviews/<int:review_pk>/release/", views.review_release, name="review-release"),
    path(f"{STAFF}reviews/<int:review_pk>/reopen/", views.review_reopen, name="review-reopen"),
    path(f"{STAFF}ranking/", views.ranking, name="ranking"),
    path(f"{STAFF}cohort/", views.cohort, name="cohort"),
    path(f"{STAFF}cohort/<int:suggestion_pk>/take/", views.suggestion_take, name="suggestion-take"),
    path(f"{STAFF}decisions/", views.decisions, name="decisions"),
    path(f"{STAFF}decisions/texts/", views.messages_save, name="messages"),
    path(f"{STAFF}decisions/publish/", views.publish, name="publish"),
    path("reviewing/", views.my_reviews, name="my-reviews"),
    path("reviewing/invitations/<str:token>/", views.invitation, name="invitation"),
    path("reviewing/<int:pk>/", views.review, name="review"),
    path("reviewing/<int:pk>/conflict/", views.review_conflict, name="review-conflict"),
    path("reviewing/roles/<int:reviewer_pk>/conflicts/", views.conflicts, name="conflicts"),
    *pairing_urls.urlpatterns,
]
