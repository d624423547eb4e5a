"""The period report: its figures match the records (checked by recounting generated requests), and the
page, the workbook and the PDF show the same figures."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sangsaeng.documents.tests.conftest import poppler
from sangsaeng.requests import figures
from sangsaeng.requests.models import PartnerRequest, State
from sangsaeng.requests.report import period_report
from sangsaeng.requests.tests.conftest import RequestWorld

pytestmark = pytest.mark.django_db
TENTH = Decimal("0.1")  # officials round half up
START, END, TODAY = dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 15)

request_spec = st.fixed_dictionaries(
    {
        "received": st.integers(-20, 200),  # days after START: some before, some after the period
        "days": st.sampled_from([7, 14]),
        "answer_after": st.one_of(st.none(), st.integers(0, 40)),
        "closed_unanswered": st.booleans(),
        "rating": st.one_of(st.none(), st.integers(1, 5)),
        "department": st.sampled_from([None, "policy", "tourism"]),
        "requester": st.sampled_from(["daegu", "pohang", None]),
    }
)


def create(rw: RequestWorld, spec: dict[str, Any], kind: Any) -> PartnerRequest:
    received = START + dt.timedelta(days=spec["received"])
    answered = (
        received + dt.timedelta(days=spec["answer_after"]) if spec["answer_after"] is not None else None
    )
    if answered is not None and answered > TODAY:
        answered = None
    state = State.ANSWERED if answered else (State.CLOSED if spec["closed_unanswered"] else State.REVIEWING)
    org = {"daegu": rw.w.daegu, "pohang": rw.pohang, None: None}[spec["requester"]]
    dept = {"policy": rw.w.policy, "tourism": rw.w.tourism, None: None}[spec["department"]]
    return PartnerRequest.objects.create(
        request_type=kind,
        subject="생성된 건의",
        body="-",
        requester_org=org,
        channel="partner" if org else "citizen",
        receiving_org=rw.w.gyeongbuk,
        assigned_department=dept,
        state=state,
        received_on=received,
        due_on=received + dt.timedelta(days=spec["days"]),
        answered_on=answered,
        rating=spec["rating"] if answered else None,
    )


def recount(requests: list[PartnerRequest]) -> dict[str, Any]:
    """The figures counted the plain way, straight from the records."""
    inside = [r for r in requests if START <= r.received_on <= END]
    answered = [r for r in inside if r.answered_on]
    ratings = [r.rating for r in inside if r.rating]
    days = [(r.answered_on - r.received_on).days for r in answered if r.answered_on]
    return {
        "received": len(inside),
        "answered": len(answered),
        "in_time": sum(1 for r in answered if r.answered_on and r.answered_on <= r.due_on),
        "overdue": sum(1 for r in answered if r.answered_on and r.answered_on > r.due_on)
        + sum(1 for r in inside if not r.answered_on and r.state != State.CLOSED and r.due_on < TODAY),
        "avg_days": (Decimal(sum(days)) / len(days)).quantize(TENTH, ROUND_HALF_UP) if days else None,
        "satisfaction": (Decimal(sum(ratings)) / len(ratings)).quantize(TENTH, ROUND_HALF_UP)
        if ratings
        else None,
        "departments": {r.assigned_department.name if r.assigned_department else None for r in inside},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(request_spec, max_size=25))
def test_the_report_figures_match_the_records(rw: RequestWorld, specs: list[dict[str, Any]]) -> None:
    PartnerRequest.objects.all().delete()
    kind = rw.kind("건의")
    made = [create(rw, spec, kind) for spec in specs]
    report = period_report(PartnerRequest.objects.all(), start=START, end=END, today=TODAY)
    expected = recount(made)
    total = report.total
    assert (total.received, total.answered, total.answered_in_time, total.overdue) == (
        expected["received"],
        expected["answered"],
        expected["in_time"],
        expected["overdue"],
    )
    assert total.average_days == expected["avg_days"]
    assert total.satisfaction == expected["satisfaction"]
    # The breakdowns add up to the total.
    for parts in (report.by_department, report.by_requester):
        assert sum(f.received for _, f in parts) == total.received
        assert sum(f.overdue for _, f in parts) == total.overdue
        assert sum(f.rated for _, f in parts) == total.rated
    assert len(report.by_department) == len(expected["departments"])


def test_average_rounds_half_up() -> None:
    assert figures.average([1, 2]) == Decimal("1.5")
    assert figures.average([1, 1, 2]) == Decimal("1.3")
    assert figures.average([]) is None


def sample_records(rw: RequestWorld) -> None:
    kind = rw.kind("건의")
    specs = [
        {
            "received": 10,
            "days": 14,
            "answer_after": 5,
            "closed_unanswered": False,
            "rating": 5,
            "department": "policy",
            "requester": "pohang",
        },
        {
            "received": 20,
            "days": 14,
            "answer_after": 20,
            "closed_unanswered": False,
            "rating": 2,
            "department": "policy",
            "requester": "daegu",
        },
        {
            "received": 30,
            "days": 7,
            "answer_after": None,
            "closed_unanswered": False,
            "rating": None,
            "department": "tourism",
            "requester": "pohang",
        },
        {
            "received": 100,
            "days": 14,
            "answer_after": None,
            "closed_unanswered": False,
            "rating": None,
            "department": None,
            "requester": None,
        },
    ]
    for spec in specs:
        create(rw, spec, kind)


def test_the_page_workbook_and_pdf_show_the_same_figures(rw: RequestWorld, tmp_path: Any) -> None:
    sample_records(rw)
    client = rw.client(rw.w.coordinator)
    query = f"?from={START.isoformat()}&to={END.isoformat()}"
    report = period_report(PartnerRequest.objects.all(), start=START, end=END)
    total = report.total
    # 4 received, 2 answered (1 in time, 1 late), 2 open (both past due today): 3 over the deadline.
    assert (
        total.received,
        total.answered_in_time,
        total.overdue,
        total.average_days,
        total.satisfaction,
    ) == (
        4,
        1,
        3,
        Decimal("12.5"),
        Decimal("3.5"),
    )
    page = client.get(f"/requests/report/{query}").content.decode()
    assert "<strong>4</strong>" in page and "<strong>12.5</strong>" in page and "<strong>3.5</strong>" in page
    assert "경북 정책기획관" in page and "시·도민 제안" in page

    response = client.get(f"/requests/report.xlsx{query}")
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "구분")
    assert header[:6] == ["구분", "접수", "회신", "기한 내 회신", "기한 내 회신율(%)", "기한 초과"]
    total_row = next(r for r in rows if r and r[0] == "합계")
    assert (
        total_row[:4] == ["합계", 4, 2, 1]
        and total_row[5] == 3
        and total_row[7] == 12.5
        and total_row[8] == 3.5
    )
    assert any(r and r[0] == "포항" and r[1] == 2 for r in rows)

    response = client.get(f"/requests/report.pdf{query}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = poppler("pdftotext", response.content, tmp_path, "-layout", "-enc", "UTF-8")
    total_line = next(line for line in text.splitlines() if line.strip().startswith("합계"))
    assert total_line.split()[1:] == ["4", "2", "1", "50.0", "3", "2", "12.5", "3.5", "2"]
    assert "건의사항 처리 현황" in text and "2026. 1. 1. ~ 2026. 6. 30." in text


def test_an_outsider_gets_an_empty_report(rw: RequestWorld) -> None:
    sample_records(rw)
    client = rw.client(rw.w.outsider)
    page = client.get(f"/requests/report/?from={START.isoformat()}&to={END.isoformat()}").content.decode()
    assert "<strong>0</strong>" in page and "정책기획관" not in page and "포항" not in page
    sheet = load_workbook(
        BytesIO(client.get(f"/requests/report.xlsx?from={START.isoformat()}").content)
    ).active
    total_row = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "합계")
    assert total_row[1] == 0
