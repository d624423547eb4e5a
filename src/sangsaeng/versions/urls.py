from django.urls import URLPattern

app_name = "versions"
urlpatterns: list[URLPattern] = []
