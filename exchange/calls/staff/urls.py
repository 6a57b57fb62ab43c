"""The staff pages, in the `calls` namespace (included by calls.urls)."""

from django.urls import path

from . import views

call = "staff/calls/<slug:slug>/"

urlpatterns = [
    path("staff/", views.home, name="staff-home"),
    # Before the call's pages: "new" is not a call (CallForm refuses it as a slug).
    path("staff/calls/new/", views.call_create, name="staff-call-create"),
    path(call, views.call_overview, name="staff-call"),
    path(call + "edit/", views.call_edit, name="staff-call-edit"),
    path(call + "form/", views.form_editor, name="staff-form"),
    path(call + "form/preview/", views.form_preview, name="staff-form-preview"),
    path(call + "form/sections/new/", views.section_edit, name="staff-section-create"),
    path(call + "form/sections/<int:pk>/", views.section_edit, name="staff-section-edit"),
    path(call + "form/sections/<int:pk>/move/", views.section_move, name="staff-section-move"),
    path(call + "form/questions/new/", views.question_edit, name="staff-question-create"),
    path(call + "form/questions/<int:pk>/", views.question_edit, name="staff-question-edit"),
    path(call + "form/questions/<int:pk>/move/", views.question_move, name="staff-question-move"),
    path(
        call + "form/questions/<int:pk>/delete/",
        views.question_delete,
        name="staff-question-delete",
    ),
    path(call + "rubric/", views.rubric, name="staff-rubric"),
    path(call + "rubric/new/", views.criterion_edit, name="staff-criterion-create"),
    path(call + "rubric/<int:pk>/", views.criterion_edit, name="staff-criterion-edit"),
    path(call + "rubric/<int:pk>/move/", views.criterion_move, name="staff-criterion-move"),
    path(call + "rubric/<int:pk>/delete/", views.criterion_delete, name="staff-criterion-delete"),
]
