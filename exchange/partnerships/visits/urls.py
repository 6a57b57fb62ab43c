from django.urls import path

from . import views

app_name = "visits"

WS = "partnerships/<int:pk>/visits/"
VISIT = WS + "<int:visit_pk>/"

urlpatterns = [
    path(WS, views.visit_list, name="list"),
    path(f"{WS}new/", views.visit_add, name="add"),
    path(VISIT, views.visit_detail, name="detail"),
    path(f"{VISIT}edit/", views.visit_edit, name="edit"),
    path(f"{VISIT}status/", views.visit_move, name="move"),
    path(f"{VISIT}travellers/new/", views.traveller, name="traveller-add"),
    path(f"{VISIT}travellers/<int:traveller_pk>/", views.traveller, name="traveller"),
    path(
        f"{VISIT}travellers/<int:traveller_pk>/delete/",
        views.traveller_delete,
        name="traveller-delete",
    ),
    path(f"{VISIT}letters/new/", views.letter_add, name="letter-add"),
    path(f"{VISIT}letters/<int:letter_pk>/pdf/", views.letter_pdf, name="letter-pdf"),
    path(f"{VISIT}letters/<int:letter_pk>/revoke/", views.letter_revoke, name="letter-revoke"),
    # Public: what a letter's QR code opens (a signed token naming the letter's number).
    path("letters/verify/<str:token>/", views.verify, name="verify"),
    path("staff/cohorts/<int:pk>/visits/", views.cohort_calendar, name="cohort-calendar"),
]
