from django.urls import path

from sangsaeng.personnel import views

app_name = "personnel"
urlpatterns = [
    path("personnel/", views.exchange_list, name="list"),
    path("personnel/costs/", views.exchange_costs, name="costs"),
    path("personnel/rates/", views.rates_edit, name="rates"),
    path("personnel/new/", views.exchange_create, name="create"),
    path("personnel/<int:exchange_id>/", views.exchange_detail, name="detail"),
    path("personnel/<int:exchange_id>/edit/", views.exchange_edit, name="edit"),
]
