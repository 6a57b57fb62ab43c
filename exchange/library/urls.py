from django.urls import path

from . import feeds, views

app_name = "library"

M = "library/<slug:slug>/"

urlpatterns = [
    path("library/", views.index, name="index"),
    path("library/feed/", feeds.LatestModels(), name="feed"),
    path("library/mine/", views.mine, name="mine"),
    path("library/new/", views.new, name="new"),
    path("library/staff/", views.review_queue, name="review-queue"),
    path("library/adoptions/<int:pk>/", views.adoption, name="adoption"),
    path("library/for/<slug:slug>/", views.for_organisation, name="for-organisation"),
    path("library/adoptions/<int:pk>/adapt/", views.adapt, name="adapt"),
    path("partnerships/<int:pk>/model/", views.partnership_model, name="partnership-model"),
    path(M, views.detail, name="detail"),
    path(f"{M}pdf/", views.detail_pdf, name="pdf"),
    path(f"{M}family/", views.tree, name="tree"),
    path(f"{M}cover/", views.cover, name="cover"),
    path(f"{M}files/<int:pk>/", views.attachment, name="attachment"),
    path(f"{M}adopt/", views.adopt, name="adopt"),
    path(f"{M}edit/", views.edit, name="edit"),
    path(f"{M}edit/<str:language>/", views.edit_text, name="edit-text"),
    path(f"{M}edit/<str:language>/remove/", views.remove_text, name="remove-text"),
    path(f"{M}facts/", views.facts, name="facts"),
    path(f"{M}attachments/", views.files, name="files"),
    path(f"{M}attachments/<int:pk>/remove/", views.remove_file, name="remove-file"),
    path(f"{M}approve/", views.approve, name="approve"),
    path(f"{M}submit/", views.submit, name="submit"),
    path(f"{M}withdraw/", views.withdraw, name="withdraw"),
    path(f"{M}authors/", views.name_me, name="name-me"),
    path(f"{M}review/", views.review, name="review"),
]
