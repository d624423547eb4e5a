"""Every URL of the project, enumerated from the URL configuration, refuses those who may not see it.

A new URL needs nothing here unless it takes a new kind of parameter: then SAMPLES must learn it, and
until it does this test fails, so no URL goes unchecked.
"""

import re
from collections.abc import Iterator
from datetime import timedelta
from importlib import import_module
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from sangsaeng.accounts.models import Invitation
from sangsaeng.conftest import World
from sangsaeng.demo.extras import EXTRA_DEMOS
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.exchange.tests.samples import exchange_samples
from sangsaeng.plans.models import Attachment
from sangsaeng.rounds.tests.samples import round_samples

# URLs anyone may open; everything else must refuse anonymous users. They are still opened below
# (test_public_urls_answer_without_data_or_errors): no 500, and nothing of a plan in the answer.
PUBLIC = {
    "accounts:login",
    "web:healthz",
    "accounts:logout",
    "accounts:accept",
    "web:set_language",
    "security:login_code",
}
# The signed-in user's own account pages: every user has them, an outsider included, and they show
# only the user's own data (sangsaeng/security/tests check whose). Anonymous users are still refused.
OWN_ACCOUNT = {
    "security:account",
    "security:email",
    "security:password",
    "security:reauth",
    "security:two_factor",
    "security:two_factor_enrol",
    "security:two_factor_disable",
    "security:recovery_codes",
    "security:sessions",
    "security:session_end",
    "security:sessions_end_others",
    "security:session_extend",
    "security:session_status",
}
# Also every user's own: their reporting rounds home (their own updates) and their notices.
OWN_ACCOUNT |= {"rounds:home", "notices:list", "notices:read_all", "notices:settings"}
# The newer apps declare their own: PUBLIC_URLS (open to anyone, e.g. a citizen's proposal form or a
# calendar feed with its own secret token) and OWN_LISTS (lists answering each user with what they may
# see, an outsider with nothing; their apps test that).
_APP_SAMPLES = [import_module(f"sangsaeng.{app}.tests.samples") for app in EXTRA_DEMOS]
PUBLIC |= {name for module in _APP_SAMPLES for name in getattr(module, "PUBLIC_URLS", ())}
OWN_LISTS = {"plans:list", "web:home", "dashboards:overview", "dashboards:tasks"}
OWN_LISTS |= {name for module in _APP_SAMPLES for name in getattr(module, "OWN_LISTS", ())}
# Static and media serving belong to the web server, not to us.
SKIP_PREFIXES = ("static/", "media/")


def patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def samples(world: World) -> dict[str, Any]:
    attachment = Attachment.objects.create(
        task=world.task,
        token="t" * 20,
        original_name="계획.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=5,
        file=ContentFile(b"%PDF-", name="x"),
    )
    invitation = Invitation.objects.create(
        email="new@example.go.kr",
        organization=world.gyeongbuk,
        department=world.policy,
        token_hash="h" * 64,
        invited_by=world.coordinator,
        expires_at=timezone.now() + timedelta(days=1),
    )
    return {
        **round_samples(world),
        **exchange_samples(world),
        **{k: v for module in _APP_SAMPLES for k, v in module.samples(world).items()},
        "person_id": world.officer.pk,
        "invitation_id": invitation.pk,
        "token": "not-a-token",
        "plan_id": world.plan.pk,
        "task_id": world.task.pk,
        "part": "header",
        "attachment_id": attachment.pk,
        "document_id": GeneratedDocument.objects.create(
            kind="booklet_pdf",
            plan=world.plan,
            requested_by=world.coordinator,
            task_ids=[world.task.pk],
            token="d" * 20,
            expires_at=timezone.now() + timedelta(days=1),
        ).pk,
    }


def concrete(route: str, values: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in values:
            raise AssertionError(f"URL {route!r} takes <{name}>: add a sample value for it to this test.")
        return str(values[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def all_urls(world: World) -> list[tuple[str, str]]:
    values = samples(world)
    found = [
        (name, concrete(route, values))
        for name, route in patterns(get_resolver())
        if not route.startswith(SKIP_PREFIXES)
    ]
    assert len(found) >= 10, found
    return found


@pytest.mark.django_db
def test_every_url_sends_anonymous_users_to_login(world: World, settings: Any) -> None:
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    client = Client()
    for name, url in all_urls(world):
        if name in PUBLIC:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (
                f"{method.upper()} {url} ({name}) → {response.status_code}"
            )
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), f"{url} redirects elsewhere"


@pytest.mark.django_db
def test_every_url_refuses_a_user_of_another_government(world: World, settings: Any) -> None:
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    client = world.client_for(world.outsider)
    secrets = [world.task.title, world.plan.title]
    for name, url in all_urls(world):
        # Lists of what the user may see answer an outsider with nothing (tested by their apps).
        if name in PUBLIC or name in OWN_LISTS:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if name in OWN_ACCOUNT:
                assert response.status_code < 500, f"{method.upper()} {url} ({name}) → {response.status_code}"
                assert not any(s in response.content.decode(errors="replace") for s in secrets), url
                continue
            assert response.status_code in (403, 404, 405), (
                f"{method.upper()} {url} ({name}) → {response.status_code}"
            )
            body = response.content.decode(errors="replace")
            assert not any(s in body for s in secrets), f"{url} leaks data to an outsider"


@pytest.mark.django_db
def test_public_urls_answer_without_data_or_errors(world: World, settings: Any) -> None:
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    secrets = [world.task.title, world.plan.title]
    public = [(n, u) for n, u in all_urls(world) if n in PUBLIC]
    assert {n for n, _ in public} == PUBLIC, "a PUBLIC name no longer exists"
    for who in (Client(), world.client_for(world.outsider)):
        for name, url in public:
            for method in ("get", "post"):
                response = getattr(who, method)(url)
                assert response.status_code < 500, f"{method.upper()} {url} ({name}) → {response.status_code}"
                body = response.content.decode(errors="replace")
                assert not any(s in body for s in secrets), f"{url} shows plan data to {who}"


@pytest.mark.django_db
def test_the_plan_list_shows_an_outsider_nothing(world: World) -> None:
    response = world.client_for(world.outsider).get("/plans/")
    assert response.status_code == 200 and world.plan.title not in response.content.decode()


@pytest.mark.django_db
def test_every_write_url_refuses_an_officer_of_another_department(world: World, settings: Any) -> None:
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    client = world.client_for(world.other_officer)
    writes = [
        (n, u)
        for n, u in all_urls(world)
        if n.startswith("plans:")
        and n not in ("plans:list", "plans:detail", "plans:task", "plans:history", "plans:attachment")
    ]
    assert writes
    for name, url in writes:
        response = client.post(url, {"base_revision": "1"})
        assert response.status_code in (403, 405), f"POST {url} ({name}) → {response.status_code}"


@pytest.mark.django_db
def test_a_partner_government_reads_but_cannot_write(world: World) -> None:
    client = world.client_for(world.partner_viewer)
    assert client.get(f"/tasks/{world.task.pk}/").status_code == 200
    assert client.get(f"/tasks/{world.task.pk}/parts/header/").status_code == 403
