from django.urls import path

from sangsaeng.rounds import views

app_name = "rounds"
urlpatterns = [
    path("rounds/", views.home, name="home"),
    path("plans/<int:plan_id>/rounds/", views.plan_rounds, name="plan_rounds"),
    path("plans/<int:plan_id>/rounds/new/", views.round_open, name="open"),
    path("plans/<int:plan_id>/adoption/", views.plan_adopt, name="adopt"),
    path("plans/<int:plan_id>/changes/", views.plan_changes, name="plan_changes"),
    path("rounds/<int:round_id>/", views.round_view, name="board"),
    path("rounds/<int:round_id>/close/", views.round_close, name="close"),
    path("rounds/updates/<int:update_id>/", views.update_view, name="update"),
    path("rounds/updates/<int:update_id>/review/", views.review, name="review"),
    path("rounds/updates/<int:update_id>/confirm/", views.confirm, name="confirm"),
    path("rounds/updates/<int:update_id>/return/", views.return_update, name="return"),
    path("rounds/updates/<int:update_id>/files/", views.attachment_upload, name="attachment_upload"),
    path("rounds/files/<int:file_id>/", views.attachment_download, name="attachment"),
    path("rounds/files/<int:file_id>/delete/", views.attachment_delete, name="attachment_delete"),
    path("tasks/<int:task_id>/changes/", views.task_changes, name="task_changes"),
    path("tasks/<int:task_id>/changes/new/", views.change_new, name="change_new"),
    path("rounds/changes/<int:change_id>/", views.change_detail, name="change"),
    path("rounds/changes/<int:change_id>/approve/", views.change_approve, name="change_approve"),
    path("rounds/changes/<int:change_id>/reject/", views.change_reject, name="change_reject"),
    path("rounds/changes/<int:change_id>/withdraw/", views.change_withdraw, name="change_withdraw"),
]
