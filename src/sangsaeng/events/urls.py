from django.urls import path

from sangsaeng.events import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/new/", views.event_create, name="create"),
    path("events/<int:event_id>/", views.event_detail, name="detail"),
    path("events/<int:event_id>/edit/", views.event_edit, name="edit"),
    path("events/<int:event_id>/delete/", views.event_delete, name="delete"),
    path("events/feeds/<int:indicator_id>/", views.feed, name="feed"),
    path("events/feeds/<int:indicator_id>/delete/", views.feed_delete, name="feed_delete"),
]
