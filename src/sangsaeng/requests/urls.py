from django.urls import path

from sangsaeng.requests import views, views_public

app_name = "requests"
urlpatterns = [
    path("requests/", views.request_list, name="list"),
    path("requests/queue/", views.request_queue, name="queue"),
    path("requests/new/", views.request_create, name="create"),
    path("requests/new/on-behalf/", views.request_create_on_behalf, name="create_on_behalf"),
    path("requests/<int:partner_request_id>/", views.request_detail, name="detail"),
    path("requests/<int:partner_request_id>/assign/", views.request_assign, name="assign"),
    path("requests/<int:partner_request_id>/move/", views.request_move, name="move"),
    path("requests/<int:partner_request_id>/close/", views.request_close, name="close"),
    path("requests/<int:partner_request_id>/agenda/", views.request_agenda, name="agenda"),
    path("requests/<int:partner_request_id>/answer/", views.request_answer, name="answer"),
    path("requests/<int:partner_request_id>/extend/", views.request_extend, name="extend"),
    path("requests/<int:partner_request_id>/rate/", views.request_rate, name="rate"),
    path("requests/<int:partner_request_id>/review/", views.request_review, name="review"),
    path("requests/<int:partner_request_id>/task/", views.request_make_task, name="make_task"),
    path("requests/<int:partner_request_id>/attachments/", views.request_attach, name="attach"),
    path("requests/attachments/<int:request_attachment_id>/", views.attachment_download, name="attachment"),
    path("requests/types/", views.type_list, name="types"),
    path("requests/types/new/", views.type_edit, name="type_create"),
    path("requests/types/<int:request_type_id>/", views.type_edit, name="type_edit"),
    path("requests/report/", views.report_page, name="report"),
    path("requests/report.xlsx", views.report_xlsx_view, name="report_xlsx"),
    path("requests/report.pdf", views.report_pdf_view, name="report_pdf"),
    path("requests/propose/", views_public.propose, name="propose"),
    path("requests/propose/done/", views_public.propose_done, name="propose_done"),
]
