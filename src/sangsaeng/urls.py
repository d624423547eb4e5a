from django.urls import include, path

urlpatterns = [
    path("", include("sangsaeng.web.urls")),
    path("accounts/", include("sangsaeng.accounts.urls")),
    path("account/", include("sangsaeng.security.urls")),
    path("", include("sangsaeng.plans.urls")),
    path("", include("sangsaeng.dashboards.urls")),
    path("", include("sangsaeng.documents.urls")),
    path("", include("sangsaeng.exchange.urls")),
    path("", include("sangsaeng.rounds.urls")),
    path("", include("sangsaeng.notices.urls")),
    path("", include("sangsaeng.committees.urls")),
    path("", include("sangsaeng.versions.urls")),
    path("", include("sangsaeng.requests.urls")),
    path("", include("sangsaeng.agreements.urls")),
    path("", include("sangsaeng.personnel.urls")),
    path("", include("sangsaeng.events.urls")),
]
