"""Typed requests: LoginRequiredMiddleware guarantees a logged-in user on every non-public view."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sangsaeng.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
