from django.urls import path

from sangsaeng.exchange import views

app_name = "exchange"
urlpatterns = [
    path("plans/<int:plan_id>/xlsx/", views.plan_page, name="plan"),
    path("plans/<int:plan_id>/xlsx/export/", views.export, name="export"),
    path("plans/<int:plan_id>/xlsx/template/", views.template, name="template"),
    path("plans/<int:plan_id>/xlsx/import/", views.upload, name="upload"),
    path("xlsx-imports/<int:preview_id>/", views.preview_page, name="preview"),
    path("xlsx-imports/<int:preview_id>/apply/", views.apply, name="apply"),
    path("xlsx-imports/<int:preview_id>/discard/", views.discard, name="discard"),
]
