from django.urls import include, path

urlpatterns = [
    path("", include("sangsaeng.web.urls")),
    path("accounts/", include("sangsaeng.accounts.urls")),
    path("", include("sangsaeng.plans.urls")),
]
