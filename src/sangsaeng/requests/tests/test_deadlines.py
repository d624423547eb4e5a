"""Deadlines by type, the extension rule (once without the requester's consent) and the
pre-feasibility thresholds (총사업비 200억원 and 도비 20억원, both at once, both configurable)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from sangsaeng.accounts.models import User
from sangsaeng.requests import figures, services
from sangsaeng.requests.models import Extension, RequestType
from sangsaeng.requests.tests.conftest import DAY, RequestWorld

pytestmark = pytest.mark.django_db
EOK = 100_000


@pytest.mark.parametrize(
    ("kind", "complex_case", "days"),
    [
        ("건의", False, 14),
        ("질의", False, 7),
        ("질의", True, 14),
        ("건의", True, 14),
        ("사전타당성 검토", False, 60),
    ],
)
def test_the_deadline_follows_the_type(rw: RequestWorld, kind: str, complex_case: bool, days: int) -> None:
    extra = {"total_cost": 100 * EOK, "provincial_share": 10 * EOK} if kind == "사전타당성 검토" else {}
    req = rw.submit(kind=kind, is_complex=complex_case, **extra)
    assert req.due_on == DAY + dt.timedelta(days=days)


def _administrator(rw: RequestWorld) -> Client:
    admin = User.objects.create_user(username="admin", password="x-admin-password-2026", is_superuser=True)
    return rw.client(admin)


def test_a_changed_type_deadline_applies_to_new_requests(rw: RequestWorld) -> None:
    before = rw.submit()
    client = _administrator(rw)
    kind = rw.kind("건의")
    response = client.post(
        f"/requests/types/{kind.pk}/",
        {
            "name": "건의",
            "description": "현안 건의",
            "days": "10",
            "complex_days": "",
            "threshold_total": "",
            "threshold_share": "",
            "order": "1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    after = rw.submit()
    before.refresh_from_db()
    assert (before.due_on - DAY).days == 14 and (after.due_on - DAY).days == 10


def test_the_type_form_keeps_input_and_explains(rw: RequestWorld) -> None:
    client = _administrator(rw)
    kind = rw.kind("사전타당성 검토")
    response = client.post(
        f"/requests/types/{kind.pk}/",
        {
            "name": "사전타당성 검토",
            "days": "0",
            "threshold_total": "이백억",
            "threshold_share": "20억원",
            "order": "4",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "이백억" in body and "읽을 수 없습니다" in body
    # The types are every government's: a coordinator of one plan cannot change them.
    for user in (rw.w.officer, rw.w.coordinator):
        assert rw.client(user).get("/requests/types/").status_code == 403
        assert rw.client(user).post(f"/requests/types/{kind.pk}/", {"days": "1"}).status_code in (403, 404)


def test_a_deadline_is_extended_once_without_consent_then_only_with_it(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit())
    req = services.request_extend(
        actor=rw.w.officer,
        req=req,
        new_due=req.due_on + dt.timedelta(days=7),
        reason="관계기관 협의",
        revision=req.revision,
    )
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=rw.w.officer,
            req=req,
            new_due=req.due_on + dt.timedelta(days=7),
            reason="추가 협의",
            revision=req.revision,
        )
    assert "한 번만 연장할 수 있습니다" in exc.value.message_dict["consented"][0]
    # Consent without saying who agreed, when and how is not enough either.
    with pytest.raises(ValidationError):
        services.request_extend(
            actor=rw.w.officer,
            req=req,
            new_due=req.due_on + dt.timedelta(days=7),
            reason="추가 협의",
            consented=True,
            revision=req.revision,
        )
    req = services.request_extend(
        actor=rw.w.officer,
        req=req,
        new_due=req.due_on + dt.timedelta(days=7),
        reason="추가 협의",
        consented=True,
        consent_note="포항시 기획예산과 김주무관 11. 20. 전화 동의",
        revision=req.revision,
    )
    assert req.due_on == DAY + dt.timedelta(days=28)
    assert list(Extension.objects.filter(request=req).values_list("consented", flat=True)) == [False, True]


def test_an_extension_must_move_the_deadline_later_and_has_a_reason(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit())
    client = rw.client(rw.w.officer)
    response = client.post(
        f"/requests/{req.pk}/extend/",
        {"new_due": req.due_on.isoformat(), "reason": "협의 중", "revision": req.revision},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "지금 기한" in body and "보다 뒤여야 합니다" in body and "협의 중" in body


@pytest.mark.parametrize(
    ("total", "share", "required"),
    [
        (200 * EOK, 20 * EOK, True),  # both exactly at the thresholds
        (200 * EOK - 1, 20 * EOK, False),  # 1천원 short of the total
        (200 * EOK, 20 * EOK - 1, False),  # 1천원 short of the share
        (500 * EOK, 19 * EOK, False),
        (1000 * EOK, 300 * EOK, True),
        (None, 20 * EOK, False),
    ],
)
def test_the_prefeasibility_thresholds_at_their_boundaries(
    total: int | None, share: int, required: bool
) -> None:
    assert figures.requires_review(total, share, 200 * EOK, 20 * EOK) is required


def test_a_prefeasibility_request_above_the_thresholds_is_marked_on_its_page(rw: RequestWorld) -> None:
    client = rw.client(rw.pohang_officer)
    kind = rw.kind("사전타당성 검토")
    data = {
        "request_type": kind.pk,
        "receiving_org": rw.w.gyeongbuk.pk,
        "subject": "포항 해양레저 복합단지 조성",
        "body": "총사업비 350억원 규모",
        "total_cost": "350억원",
        "provincial_share": "35억원",
    }
    response = client.post("/requests/new/", data)
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "사전타당성 검토 대상</span>" in page and "350억원 (35,000,000천원)" in page
    data |= {"subject": "작은 사업", "total_cost": "199.99억원"}
    response = client.post("/requests/new/", data)
    page = client.get(response["Location"]).content.decode()
    assert "사전타당성 검토 대상 아님" in page


def test_raised_thresholds_change_which_requests_need_review(rw: RequestWorld) -> None:
    req = rw.submit(kind="사전타당성 검토", total_cost=250 * EOK, provincial_share=25 * EOK)
    client = rw.client(rw.w.coordinator)
    assert "사전타당성 검토 대상</span>" in client.get(f"/requests/{req.pk}/").content.decode()
    RequestType.objects.filter(pk=req.request_type_id).update(threshold_total=300 * EOK)
    assert "사전타당성 검토 대상 아님" in client.get(f"/requests/{req.pk}/").content.decode()


def test_a_prefeasibility_request_needs_its_amounts(rw: RequestWorld) -> None:
    client = rw.client(rw.pohang_officer)
    response = client.post(
        "/requests/new/",
        {
            "request_type": rw.kind("사전타당성 검토").pk,
            "receiving_org": rw.w.gyeongbuk.pk,
            "subject": "대규모 사업",
            "body": "내용",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "사전타당성 검토 요청에는 이 금액을 적어야 합니다" in body and "대규모 사업" in body


def test_the_review_report_is_recorded_for_the_committee(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit(kind="사전타당성 검토", total_cost=300 * EOK, provincial_share=30 * EOK))
    client = rw.client(rw.w.officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sangsaeng.requests.tests.conftest import PDF

    response = client.post(
        f"/requests/{req.pk}/review/",
        {
            "report": "경제성(B/C 1.12) 확보, 재원 분담 협의 필요",
            "committee_on": "2026-12-10",
            "committee_result": "조건부 적정",
            "revision": req.revision,
            "uploads": SimpleUploadedFile("검토보고서.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert "B/C 1.12" in page and "2026. 12. 10." in page and "검토보고서.pdf" in page
