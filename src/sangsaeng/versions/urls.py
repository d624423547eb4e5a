from django.urls import path

from sangsaeng.versions import views

app_name = "versions"
urlpatterns = [
    path("versions/plans/<int:plan_id>/new/", views.start, name="start"),
    path("versions/<int:version_id>/", views.detail, name="detail"),
    path("versions/<int:version_id>/edit/", views.edit, name="edit"),
    path("versions/<int:version_id>/tasks/<int:task_id>/", views.mark, name="mark"),
    path("versions/<int:version_id>/add/", views.add, name="add"),
    path("versions/changes/<int:task_revision_id>/", views.added_edit, name="added_edit"),
    path("versions/changes/<int:task_revision_id>/remove/", views.added_remove, name="added_remove"),
    path("versions/<int:version_id>/compare/", views.comparison, name="compare"),
    path("versions/<int:version_id>/compare.pdf", views.comparison_pdf, name="compare_pdf"),
    path("versions/<int:version_id>/compare.hwpx", views.comparison_hwpx, name="compare_hwpx"),
    path("versions/<int:version_id>/compare.xlsx", views.comparison_xlsx, name="compare_xlsx"),
]
