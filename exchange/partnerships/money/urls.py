from django.urls import path

from . import views

app_name = "money"

M = "partnerships/<int:pk>/money/"

urlpatterns = [
    path(M, views.grant, name="grant"),
    path(f"{M}expenses/", views.expenses, name="expenses"),
    path(f"{M}expenses/new/", views.expense_add, name="expense-add"),
    path(f"{M}expenses/<int:expense_pk>/", views.expense, name="expense"),
    path(f"{M}expenses/<int:expense_pk>/submit/", views.expense_submit, name="expense-submit"),
    path(f"{M}expenses/<int:expense_pk>/decision/", views.expense_decide, name="expense-decide"),
    path(f"{M}expenses/<int:expense_pk>/receipt/", views.expense_receipt, name="expense-receipt"),
    path(f"{M}instalments/", views.instalment_add, name="instalment-add"),
    path(
        f"{M}instalments/<int:instalment_pk>/transfer/",
        views.instalment_transfer,
        name="instalment-transfer",
    ),
    path(f"{M}checks/<int:check_pk>/", views.check_tick, name="check-tick"),
    path("staff/rates/", views.rates, name="rates"),
]
