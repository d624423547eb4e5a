"""The life cycle: 접수 → 배정 → 검토 → 의제화/처리중 → 회신 → 종결, each move logged with date and
actor; moves out of order are refused with a Korean reason, through the service and through the page."""

import pytest
from django.core.exceptions import ValidationError

from sangsaeng.notices.models import Notice
from sangsaeng.requests import lifecycle, services
from sangsaeng.requests.models import State, Transition
from sangsaeng.requests.tests.conftest import RequestWorld

pytestmark = pytest.mark.django_db


def test_a_request_goes_from_intake_to_closing_with_every_step_logged(rw: RequestWorld) -> None:
    req = rw.submit()
    assert req.state == State.RECEIVED
    # The receiving government's coordinator is told of the new request.
    assert Notice.objects.filter(user=rw.w.coordinator, kind="request_received").count() == 1
    req = rw.assigned(req)
    assert Notice.objects.filter(user=rw.w.officer, kind="request_assigned").exists()
    req = services.request_move(actor=rw.w.officer, req=req, to=State.REVIEWING, revision=req.revision)
    req = services.request_move(actor=rw.w.officer, req=req, to=State.IN_PROGRESS, revision=req.revision)
    req = services.request_answer(
        actor=rw.w.officer,
        req=req,
        outcome="partly",
        answer="일부 반영",
        reason="국비 확보 전",
        revision=req.revision,
    )
    assert Notice.objects.filter(user=rw.pohang_officer, kind="request_answered").exists()
    req = services.request_move(actor=rw.w.coordinator, req=req, to=State.CLOSED, revision=req.revision)
    steps = list(
        Transition.objects.filter(request=req).values_list("from_state", "to_state", "actor__username")
    )
    assert steps == [
        ("", "received", "pohang"),
        ("received", "assigned", "coordinator"),
        ("assigned", "reviewing", "officer"),
        ("reviewing", "in_progress", "officer"),
        ("in_progress", "answered", "officer"),
        ("answered", "closed", "coordinator"),
    ]
    assert req.closed_on is not None


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (State.RECEIVED, State.REVIEWING),
        (State.RECEIVED, State.ANSWERED),
        (State.ASSIGNED, State.ANSWERED),
        (State.ASSIGNED, State.CLOSED),
        (State.ANSWERED, State.REVIEWING),
        (State.CLOSED, State.ASSIGNED),
    ],
)
def test_moves_out_of_order_are_refused(current: str, target: str) -> None:
    assert not lifecycle.allowed(current, target)
    with pytest.raises(ValidationError) as exc:
        lifecycle.check(current, target)
    assert "넘길 수 없습니다" in exc.value.messages[0] or "종결된" in exc.value.messages[0]


def test_answering_before_review_is_refused_and_the_request_is_unchanged(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit())
    with pytest.raises(ValidationError) as exc:
        services.request_answer(
            actor=rw.w.officer, req=req, outcome="accepted", answer="답", revision=req.revision
        )
    assert "배정 상태에서는 회신(으)로 넘길 수 없습니다. 다음 단계: 검토" in exc.value.messages[0]
    req.refresh_from_db()
    assert req.state == State.ASSIGNED and req.answered_on is None


def test_not_accepting_needs_a_reason(rw: RequestWorld) -> None:
    req = rw.reviewing(rw.submit())
    with pytest.raises(ValidationError) as exc:
        services.request_answer(
            actor=rw.w.officer, req=req, outcome="rejected", answer="불가", revision=req.revision
        )
    assert exc.value.message_dict["reason"] == ["불수용(일부수용)하는 사유를 적으세요."]


def test_closing_at_screening_needs_a_reason(rw: RequestWorld) -> None:
    req = rw.submit()
    with pytest.raises(ValidationError):
        services.request_move(actor=rw.w.coordinator, req=req, to=State.CLOSED, revision=req.revision)
    req = services.request_move(
        actor=rw.w.coordinator, req=req, to=State.CLOSED, revision=req.revision, note="중복 접수"
    )
    assert req.state == State.CLOSED


def test_a_stale_form_is_refused_with_a_conflict(rw: RequestWorld) -> None:
    req = rw.submit()
    stale = req.revision
    rw.assigned(req)
    client = rw.client(rw.w.coordinator)
    response = client.post(
        f"/requests/{req.pk}/assign/", {"department": rw.w.tourism.pk, "revision": stale, "note": "관광 쪽"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "다른 사용자가 이 건의사항을 먼저 처리했습니다" in body
    req.refresh_from_db()
    assert req.assigned_department_id == rw.w.policy.pk


def test_the_page_walks_the_life_cycle_and_refuses_a_skip(rw: RequestWorld) -> None:
    req = rw.submit()
    coordinator = rw.client(rw.w.coordinator)
    officer = rw.client(rw.w.officer)
    response = officer.post(
        f"/requests/{req.pk}/answer/", {"outcome": "accepted", "answer": "답", "revision": req.revision}
    )
    assert response.status_code == 403  # not assigned yet: nobody in the department handles it
    response = coordinator.post(
        f"/requests/{req.pk}/assign/", {"department": rw.w.policy.pk, "revision": req.revision}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    response = officer.post(
        f"/requests/{req.pk}/answer/",
        {"outcome": "accepted", "answer": "바로 회신", "revision": req.revision},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "배정 상태에서는 회신(으)로 넘길 수 없습니다" in body
    assert "바로 회신" in body  # what the officer typed is still there
    assert (
        officer.post(f"/requests/{req.pk}/move/", {"to": "reviewing", "revision": req.revision}).status_code
        == 302
    )
    req.refresh_from_db()
    response = officer.post(
        f"/requests/{req.pk}/answer/",
        {"outcome": "rejected", "answer": "검토 결과 불가", "reason": "", "revision": req.revision},
    )
    assert response.status_code == 422 and "사유를 적으세요" in response.content.decode()
    assert "검토 결과 불가" in response.content.decode()
    response = officer.post(
        f"/requests/{req.pk}/answer/",
        {
            "outcome": "rejected",
            "answer": "검토 결과 불가",
            "reason": "관련 법령상 불가",
            "revision": req.revision,
        },
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.state, req.outcome, req.reason) == ("answered", "rejected", "관련 법령상 불가")
    page = rw.client(rw.pohang_officer).get(f"/requests/{req.pk}/").content.decode()
    assert "불수용" in page and "관련 법령상 불가" in page


def test_another_department_reads_but_cannot_answer(rw: RequestWorld) -> None:
    req = rw.reviewing(rw.submit())
    other = rw.client(rw.w.other_officer)
    assert other.get(f"/requests/{req.pk}/").status_code == 200
    response = other.post(
        f"/requests/{req.pk}/answer/", {"outcome": "accepted", "answer": "답", "revision": req.revision}
    )
    assert response.status_code == 403


def test_every_step_is_audited(rw: RequestWorld) -> None:
    from sangsaeng.audit.models import AuditLog

    req = rw.answered(rw.submit())
    actions = list(
        AuditLog.objects.filter(action__startswith="request.").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["request.submit", "request.assign", "request.reviewing", "request.answer"]
    assert AuditLog.objects.filter(summary__contains=req.number).count() == 4


def test_the_sender_and_the_desk_add_files_others_do_not(rw: RequestWorld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sangsaeng.requests.tests.conftest import PDF

    req = rw.assigned(rw.submit())

    def upload(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, PDF, content_type="application/pdf")

    url = f"/requests/{req.pk}/attachments/"
    assert rw.client(rw.pohang_officer).post(url, {"uploads": upload("보완자료.pdf")}).status_code == 302
    assert rw.client(rw.w.officer).post(url, {"uploads": upload("검토의견.pdf")}).status_code == 302
    assert rw.client(rw.w.other_officer).post(url, {"uploads": upload("x.pdf")}).status_code == 403
    roles = dict(req.attachments.values_list("original_name", "role"))
    assert roles == {"보완자료.pdf": "request", "검토의견.pdf": "answer"}
    page = rw.client(rw.pohang_officer).get(f"/requests/{req.pk}/").content.decode()
    assert "보완자료.pdf" in page and "검토의견.pdf" in page
