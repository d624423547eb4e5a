from django.urls import path

from sangsaeng.notices import views

app_name = "notices"
urlpatterns = [
    path("notices/", views.notice_list, name="list"),
    path("notices/<int:notice_id>/", views.notice_open, name="open"),
    path("notices/read/", views.notices_read, name="read_all"),
    path("notices/settings/", views.notice_settings, name="settings"),
]
