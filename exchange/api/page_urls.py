from django.urls import path

from . import pages

app_name = "tokens"

urlpatterns = [
    path("me/api-tokens/", pages.token_list, name="list"),
    path("me/api-tokens/new/", pages.token_create, name="create"),
    path("me/api-tokens/<int:pk>/revoke/", pages.token_revoke, name="revoke"),
]
