from django.urls import path

from . import views

app_name = "reports"

WS = "partnerships/<int:pk>/"
STAFF = "staff/cohorts/<int:pk>/"

urlpatterns = [
    path(f"{WS}reports/", views.report_list, name="list"),
    path(f"{WS}reports/<int:report_pk>/", views.report, name="report"),
    path(f"{WS}reports/<int:report_pk>/submit/", views.submit, name="report-submit"),
    path(f"{WS}reports/<int:report_pk>/review/", views.review, name="report-review"),
    path(f"{WS}assessment/", views.assessment, name="assessment"),
    path(f"{WS}assessment/<str:stage>/", views.assessment_fill, name="assessment-fill"),
    path(f"{STAFF}reports/", views.cohort_reports, name="cohort"),
    path(f"{STAFF}reports/schedule/", views.cohort_schedule, name="cohort-schedule"),
    path(f"{STAFF}assessment/", views.cohort_assessment, name="cohort-assessment"),
]
