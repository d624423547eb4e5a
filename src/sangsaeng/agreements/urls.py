from django.urls import path

from sangsaeng.agreements import views

app_name = "agreements"
urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/new/", views.agreement_create, name="create"),
    path("agreements/<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("agreements/<int:agreement_id>/edit/", views.agreement_edit, name="edit"),
    path("agreements/<int:agreement_id>/document/", views.agreement_document, name="document"),
    path("agreements/partners/", views.my_organization, name="mine"),
    path("agreements/partners/<int:org_id>/", views.organization_page, name="organization"),
]
