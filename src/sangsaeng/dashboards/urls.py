from django.urls import path

from sangsaeng.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("dashboard/", views.overview, name="overview"),
    path("dashboard/plans/<int:plan_id>/", views.plan_dashboard, name="plan"),
    path("dashboard/tasks/", views.task_list, name="tasks"),
]
