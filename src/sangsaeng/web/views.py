from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("plans:list")


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's 한국어 / English switch: stores the choice in a cookie and returns to `next`.

    Public, so the login page can switch too; Django refuses a `next` on another host.
    """
    return i18n.set_language(request)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and `make run`: is the app up, and does the database answer?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
    except Exception as exc:  # any database failure is reported, not raised
        database = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
    ok = database["status"] == "ok"
    return JsonResponse({"status": "ok" if ok else "error", "database": database}, status=200 if ok else 503)
