"""Who is asking: the client's address and a readable name for their browser."""

import ipaddress
import re

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or with SECURITY_TRUSTED_PROXIES = n the address the n-th proxy from us saw.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For; entries
    further left were written by the client and prove nothing, so they are never read.
    """
    trusted: int = settings.SECURITY_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= trusted:
            found = _valid(forwarded[-trusted])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", ""))


# (pattern, name) in order: Edge and Whale also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    (r"Edg(?:e|A|iOS)?/(\d+)", "Edge"),
    (r"Whale/(\d+)", "Whale"),
    (r"OPR/(\d+)", "Opera"),
    (r"SamsungBrowser/(\d+)", "Samsung Internet"),
    (r"Firefox/(\d+)", "Firefox"),
    (r"(?:Chrome|CriOS)/(\d+)", "Chrome"),
    (r"Version/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/", "Safari"),
    (r"Trident/.*rv:(\d+)", "Internet Explorer"),
)
_SYSTEMS = (
    (r"Windows NT", "Windows"),
    (r"iPhone|iPad|iPod", "iOS"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"Android", "Android"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
)


def describe_user_agent(user_agent: str) -> str:
    """ "Chrome 131 · Windows": enough for a person to recognise their own browser."""
    browser = next(
        (f"{name} {m.group(1)}" for pattern, name in _BROWSERS if (m := re.search(pattern, user_agent))), ""
    )
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, user_agent)), "")
    return " · ".join(part for part in (browser, system) if part)
