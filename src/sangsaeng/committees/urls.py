from django.urls import URLPattern

app_name = "committees"
urlpatterns: list[URLPattern] = []
