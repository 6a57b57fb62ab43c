from django.urls import path

from . import views

app_name = "partnerships"

WS = "partnerships/<int:pk>/"

urlpatterns = [
    path("partnerships/", views.mine, name="mine"),
    path(WS, views.workspace, name="workspace"),
    path(f"{WS}plan/", views.plan, name="plan"),
    path(f"{WS}activities/new/", views.activity, name="activity-add"),
    path(f"{WS}activities/<int:activity_pk>/", views.activity, name="activity"),
    path(f"{WS}activities/<int:activity_pk>/status/", views.activity_move, name="activity-move"),
    path(
        f"{WS}activities/<int:activity_pk>/delete/", views.activity_delete, name="activity-delete"
    ),
    path(f"{WS}history/", views.history_page, name="history"),
    path(f"{WS}close/", views.close, name="close"),
    path(f"{WS}updates/", views.share, name="share"),
    path("cohorts/<int:pk>/", views.cohort, name="cohort"),
    path("updates/<int:pk>/agree/", views.agree, name="agree"),
    path("staff/updates/<int:pk>/publish/", views.publish, name="publish"),
    path("stories/", views.stories, name="stories"),
    path("staff/cohorts/", views.staff_cohorts, name="staff-cohorts"),
    path("staff/cohorts/<int:pk>/", views.progress_page, name="progress"),
]
