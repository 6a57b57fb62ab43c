from django.urls import path

from . import views

app_name = "meetings"

WS = "partnerships/<int:pk>/meetings/"
EVENTS = "cohorts/<int:pk>/events/"
STAFF = "staff/cohorts/<int:pk>/events/"

urlpatterns = [
    path(WS, views.meeting_list, name="list"),
    path(f"{WS}new/", views.meeting_form, name="add"),
    path(f"{WS}<int:meeting_pk>/", views.meeting_form, name="edit"),
    path(f"{WS}<int:meeting_pk>/notes/", views.meeting_notes, name="notes"),
    path(f"{WS}<int:meeting_pk>/delete/", views.meeting_delete, name="delete"),
    path(EVENTS, views.events, name="events"),
    path(f"{EVENTS}<int:event_pk>/register/", views.register, name="register"),
    path(
        f"{EVENTS}<int:event_pk>/registrations/<int:registration_pk>/cancel/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path(STAFF, views.cohort_events, name="cohort-events"),
    path(f"{STAFF}new/", views.cohort_event_form, name="cohort-event-add"),
    path(f"{STAFF}<int:event_pk>/", views.cohort_event_form, name="cohort-event-edit"),
    path(f"{STAFF}<int:event_pk>/status/", views.cohort_event_move, name="cohort-event-move"),
    path(f"{STAFF}<int:event_pk>/attendance/", views.attendance, name="attendance"),
    path(f"{STAFF}<int:event_pk>/attendance.csv", views.attendance_csv, name="attendance-csv"),
    path("me/calendar/", views.calendar, name="calendar"),
    path("me/calendar/renew/", views.calendar_renew, name="calendar-renew"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
