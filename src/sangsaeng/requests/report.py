"""The period report of requests (received, answered in time, overdue, days to answer, satisfaction,
by department and by requesting government): one function reads the records and computes the figures
(requests.figures.report); the page, the workbook and the PDF all show what it returns."""

import datetime as dt
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from sangsaeng.documents.pdf import compile_source
from sangsaeng.documents.typ import typst_value
from sangsaeng.lib import kdate
from sangsaeng.requests import figures
from sangsaeng.requests.models import OPEN_STATES, PartnerRequest

# Among the app's templates, so it is packaged with them (pyproject: */templates/**/*).
TEMPLATE = Path(__file__).resolve().parent / "templates" / "requests" / "report.typ"


def period_report(
    requests: QuerySet[PartnerRequest], *, start: dt.date, end: dt.date, today: dt.date | None = None
) -> figures.Report:
    """THE report: every figure of the page, the XLSX and the PDF comes from here (one query)."""
    rows = (
        requests.filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values_list(
            "received_on",
            "due_on",
            "answered_on",
            "state",
            "rating",
            "assigned_department__organization__short_name",
            "assigned_department__name",
            "requester_org__short_name",
        )
    )
    facts = (
        figures.Facts(
            received_on=received,
            due_on=due,
            answered_on=answered,
            is_open=state in OPEN_STATES,
            rating=rating,
            department=f"{dept_org} {dept}" if dept else "",
            requester=requester or "",
        )
        for received, due, answered, state, rating, dept_org, dept, requester in rows
    )
    return figures.report(
        facts,
        start=start,
        end=end,
        today=today or timezone.localdate(),
        unassigned=gettext("(미배정)"),
        citizen=gettext("시·도민 제안"),
    )


def _num(value: object) -> str:
    return "-" if value is None else f"{value}"


def headers() -> list[str]:
    return [
        gettext("구분"),
        gettext("접수"),
        gettext("회신"),
        gettext("기한 내 회신"),
        gettext("기한 내 회신율(%)"),
        gettext("기한 초과"),
        gettext("처리 중"),
        gettext("평균 처리일수"),
        gettext("만족도 평균(5점)"),
        gettext("만족도 응답"),
    ]


def row(name: str, f: figures.Figures) -> list[object]:
    return [
        name,
        f.received,
        f.answered,
        f.answered_in_time,
        f.in_time_rate,
        f.overdue,
        f.open,
        f.average_days,
        f.satisfaction,
        f.rated,
    ]


def sections(report: figures.Report) -> list[tuple[str, list[list[object]]]]:
    """(title, rows) of the report as every format shows it: the total, by department, by requester."""
    return [
        (gettext("전체"), [row(gettext("합계"), report.total)]),
        (gettext("처리 부서별"), [row(name, f) for name, f in report.by_department]),
        (gettext("요청 기관별"), [row(name, f) for name, f in report.by_requester]),
    ]


def period_label(report: figures.Report) -> str:
    return f"{kdate.official(report.start)} ~ {kdate.official(report.end)}"


def report_xlsx(report: figures.Report) -> bytes:
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook always has its first sheet
    ws.title = gettext("건의사항 처리 현황")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    ws.append([gettext("건의사항 처리 현황"), period_label(report)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([gettext("기준일"), kdate.official(report.today)])
    for title, rows in sections(report):
        ws.append([])
        ws.append([title])
        ws.cell(row=ws.max_row, column=1).font = bold
        ws.append(headers())
        for cell in ws[ws.max_row]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for values in rows:
            ws.append([float(v) if isinstance(v, Decimal) else v for v in values])
            for cell in ws[ws.max_row][4:9]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
    ws.column_dimensions["A"].width = 28
    for letter in "BCDEFGHIJ":
        ws.column_dimensions[letter].width = 12
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def report_source(report: figures.Report, *, organization: str) -> str:
    data = {
        "title": gettext("건의사항 처리 현황"),
        "period": period_label(report),
        "today": gettext("%(date)s 기준") % {"date": kdate.official(report.today)},
        "organization": organization,
        "headers": headers(),
        "sections": [
            {"title": title, "rows": [[_num(v) for v in values] for values in rows]}
            for title, rows in sections(report)
        ],
        "notes": [
            gettext(
                "기한 내 회신: 처리기한(연장 포함) 안에 회신한 건. 기한 초과: 기한을 넘겨 회신했거나, "
                "기준일에 기한이 지났는데 아직 회신하지 않은 건."
            ),
            gettext(
                "평균 처리일수: 접수일부터 회신일까지의 날수 평균. 만족도: 요청 기관이 매긴 1~5점의 평균."
            ),
        ],
    }
    return f"{_template()}\n#report({typst_value(data)})\n"


def report_pdf(report: figures.Report, *, organization: str) -> bytes:
    return compile_source(report_source(report, organization=organization))
