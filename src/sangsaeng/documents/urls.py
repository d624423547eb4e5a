from django.urls import path

from sangsaeng.documents import views

app_name = "documents"
urlpatterns = [
    path("tasks/<int:task_id>/card.pdf", views.card_pdf, name="card_pdf"),
    path("tasks/<int:task_id>/card.hwpx", views.card_hwpx, name="card_hwpx"),
    path("plans/<int:plan_id>/documents/", views.plan_page, name="plan"),
    path("plans/<int:plan_id>/documents/booklet/", views.booklet_request, name="booklet_request"),
    path("documents/<int:document_id>/status/", views.document_status, name="status"),
    path("documents/<int:document_id>/download/", views.document_download, name="download"),
]
