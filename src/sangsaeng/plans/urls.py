from django.urls import path

from sangsaeng.plans import views, views_attachments

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("tasks/<int:task_id>/", views.task_card, name="task"),
    path("tasks/<int:task_id>/history/", views.task_history, name="history"),
    path("tasks/<int:task_id>/parts/<str:part>/", views.task_part, name="part"),
    path("tasks/<int:task_id>/parts/<str:part>/delete/", views.task_part_delete, name="part_delete"),
    path("tasks/<int:task_id>/subtasks/new/", views.subtask_create, name="subtask_create"),
    path("tasks/<int:task_id>/delete/", views.subtask_delete, name="subtask_delete"),
    path("tasks/<int:task_id>/attachments/", views_attachments.upload, name="attachment_upload"),
    path("attachments/<int:attachment_id>/", views_attachments.download, name="attachment"),
    path("attachments/<int:attachment_id>/delete/", views_attachments.delete, name="attachment_delete"),
]
