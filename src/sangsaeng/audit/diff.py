"""Field-level differences between two card states, with labels a person can read.

Labels are in the active language: the audit log is written in Korean (plans.services.in_record_language),
a conflict shown to an editor speaks the editor's language.
"""

from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sangsaeng.lib import bullets

FIELD_LABELS = {
    "code": _("관리번호"),
    "title": _("과제명"),
    "slogan": _("표어"),
    "status": _("사업이행도"),
    "progress": _("종합 진도율"),
    "rollup": _("진도율 산정 방식"),
    "weight": _("가중치"),
    "implementer": _("사업주체"),
    "term_class": _("임기구분"),
    "novelty": _("신규여부"),
    "budget_class": _("예산구분"),
    "lead_department": _("주관부서"),
    "central_coop": _("중앙협조"),
    "partners": _("협력 기관"),
    "agreement": _("관련 협약"),
    "goal": _("목표"),
    "term_indicator": _("이행 확인지표"),
    "period_kind": _("사업기간"),
    "period_text": _("사업기간(기재)"),
    "location": _("사업위치"),
    "execution_type": _("사업형태"),
    "expense_type": _("경상·투자"),
    "prior_procedures": _("사전절차 대상"),
    "contacts": _("담당자"),
    "area": _("분야"),
    "parent": _("상위 과제"),
}
TEXT_LABELS = {
    "outline": _("개요"),
    "purpose": _("사업목적"),
    "basis": _("사업근거"),
    "content": _("사업내용"),
    "focus": _("중점추진사항"),
    "procedure": _("사업추진절차"),
    "effect": _("기대효과"),
    "problems": _("문제점 및 대책"),
    "next_steps": _("향후계획"),
}
KIND_LABELS = {"planned": _("투자계획"), "secured": _("확보"), "executed": _("집행")}
VALUE_LABELS = {
    "target": pgettext_lazy("indicator", "계획"),
    "actual": _("실적"),
    "plan_text": _("계획(서술)"),
    "actual_text": _("실적(서술)"),
    "achieved_on": _("달성일"),
    "achieved": _("달성"),
}
SKIP = {
    "id",
    "plan_id",
    "plan_title",
    "term_years",
    "last_year_label",
    "sources",
    "revision",
    "lead_organization",
}


@lru_cache(maxsize=2048)
def _translated(language: str | None, message: str) -> str:
    return translation.gettext(message)


def gettext(message: str) -> str:
    """gettext, remembered per language: a card's labels repeat the same few dozen messages hundreds of
    times, and an import audits hundreds of cards (the lookups were a third of its apply time)."""
    return _translated(get_language(), message)


@lru_cache(maxsize=16)
def _labels(language: str | None) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    def shown(labels: dict[str, Any]) -> dict[str, str]:
        return {key: str(label) for key, label in labels.items()}

    return shown(FIELD_LABELS), shown(TEXT_LABELS), shown(KIND_LABELS), shown(VALUE_LABELS)


def _ref(value: Any) -> Any:
    if isinstance(value, dict) and "name" in value:
        return value["name"]
    return value


def _plain(value: Any) -> Any:
    """ "16.00" → "16", "2.50" → "2.5": decimals as a person writes them."""
    if isinstance(value, str) and value.replace(".", "", 1).replace("-", "", 1).isdigit() and "." in value:
        return value.rstrip("0").rstrip(".")
    return value


def flatten(state: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """path → (label, value) for every input on the card."""
    out: dict[str, tuple[str, Any]] = {}
    field_labels, text_labels, kind_labels, value_labels = _labels(get_language())
    for key, field_label in field_labels.items():
        if key not in state:
            continue
        value = state[key]
        if key == "partners":
            value = ", ".join(p["name"] for p in value)
        elif key == "contacts":
            value = "; ".join(f"{c['role']} {c['name']} {c['phone']}".strip() for c in value)
        elif key == "prior_procedures":
            value = ", ".join(value)
        out[key] = (field_label, _plain(_ref(value)))
    for kind, tree in state.get("texts", {}).items():
        out[f"texts.{kind}"] = (text_labels.get(kind, kind), bullets.to_text(tree))
    for ind in state.get("indicators", []):
        base = f"indicators.{ind['id']}"
        name = gettext("지표 「%(name)s」") % {"name": ind["name"]}
        for attr, label in (
            ("name", gettext("지표명")),
            ("kind", gettext("유형")),
            ("unit", gettext("단위")),
            ("aggregation", gettext("합산 방식")),
            ("term_plan_text", gettext("종합 계획")),
            ("term_actual_text", gettext("종합 실적")),
            ("note", gettext("비고")),
        ):
            out[f"{base}.{attr}"] = (f"{name} {label}", ind.get(attr))
        for v in ind.get("values", []):
            for attr, value_label in value_labels.items():
                if v.get(attr) not in (None, "", False):
                    year = gettext("%(year)s년") % {"year": v["year"]}
                    out[f"{base}.{v['year']}.{attr}"] = (f"{name} {year} {value_label}", _plain(v.get(attr)))
    sources = {s["id"]: s["name"] for s in state.get("sources", [])}
    for e in state.get("budget", []):
        if e["bucket"] in ("before", "after"):
            when = gettext("기투자") if e["bucket"] == "before" else gettext("임기후")
        else:
            when = gettext("%(year)s년") % {"year": e["year"]}
        path = f"budget.{e['kind']}.{e['source_id']}.{e['bucket']}.{e['year']}"
        label = gettext("예산 %(kind)s %(source)s %(when)s") % {
            "kind": kind_labels.get(e["kind"], e["kind"]),
            "source": sources.get(e["source_id"], ""),
            "when": when,
        }
        out[path] = (label, e["amount"])
    for item in state.get("items", []):
        base = f"items.{item['id']}"
        name = gettext("%(year)s년 %(code)s %(name)s") % item
        out[f"{base}.head"] = (
            gettext("예산과목 %(item)s") % {"item": name},
            f"{item['code']} {item['name']}",
        )
        if item.get("stated_amount") is not None:
            out[f"{base}.stated_amount"] = (
                gettext("%(item)s 예산액") % {"item": name},
                item["stated_amount"],
            )
        for ln in item.get("lines", []):
            desc = ln["label"]
            if ln.get("unit_price") is not None:
                desc += f" ({ln['unit_price']:,}원 × {ln['quantity']}{ln.get('unit', '')})"
            if ln.get("amount") is not None:
                desc += f" = {ln['amount']:,}천원"
            out[f"{base}.lines.{ln['id']}"] = (gettext("%(item)s 산출근거") % {"item": name}, desc)
    for s in state.get("settlements", []):
        for attr, label in (
            ("original", gettext("당초예산")),
            ("carried_in", gettext("전년이월")),
            ("change", gettext("예산변경")),
            ("executed", gettext("집행액")),
            ("carried_out", gettext("차년이월")),
        ):
            out[f"settlements.{s['year']}.{attr}"] = (
                gettext("%(year)s년 결산 %(field)s") % {"year": s["year"], "field": label},
                s[attr],
            )
    for i, s in enumerate(state.get("schedule", [])):
        out[f"schedule.{s['year']}.{i}"] = (
            gettext("%(year)s년 추진일정") % {"year": s["year"]},
            f"{s['label']} {s.get('period', '')} {s.get('amount') or ''}".strip(),
        )
    for a in state.get("activities", []):
        detail = "; ".join(d.get("text", "") if isinstance(d, dict) else str(d) for d in a.get("details", []))
        value = f"{a['start']} {a['text']}" + (f" ({detail})" if detail else "")
        if a.get("participants"):
            value += f" [{a['participants']}명]"
        out[f"activities.{a['id']}"] = (gettext("세부추진실적"), value)
    for lg in state.get("legislation", []):
        for attr, label in (
            ("name", gettext("조례명")),
            ("bill_kind", gettext("안건 구분")),
            ("proposed_on", gettext("발의")),
            ("committee_on", gettext("위원회 심사")),
            ("plenary_on", gettext("본회의 의결")),
            ("promulgated_on", gettext("공포")),
            ("note", gettext("비고")),
        ):
            out[f"legislation.{lg['id']}.{attr}"] = (
                gettext("조례 「%(name)s」 %(field)s") % {"name": lg["name"], "field": label},
                lg.get(attr),
            )
    for c in state.get("children", []):
        out[f"children.{c['id']}.title"] = (gettext("세부과제"), f"{c['code']} {c['title']}")
        out[f"children.{c['id']}.progress"] = (
            gettext("세부과제 %(code)s 진도율") % {"code": c["code"]},
            _plain(c["progress"]),
        )
        out[f"children.{c['id']}.weight"] = (
            gettext("세부과제 %(code)s 가중치") % {"code": c["code"]},
            _plain(c["weight"]),
        )
    for a in state.get("attachments", []):
        out[f"attachments.{a['id']}"] = (gettext("첨부파일"), a["name"])
    for key, value in state.get("stated", {}).items():
        out[f"stated.{key}"] = (gettext("원문 기재값 %(key)s") % {"key": key}, _plain(value))
    return out


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[dict[str, Any]]:
    """[{path, label, before, after}] for every input that differs, in a stable order."""
    a = flatten(before or {})
    b = flatten(after or {})
    changes = []
    for path in list(a) + [p for p in b if p not in a]:
        old = a.get(path, ("", None))
        new = b.get(path, ("", None))
        if old[1] != new[1] and not (old[1] in (None, "") and new[1] in (None, "")):
            changes.append({"path": path, "label": new[0] or old[0], "before": old[1], "after": new[1]})
    return changes


def _choice_labels() -> dict[str, dict[str, Any]]:
    from sangsaeng.plans.models import Indicator, Status, Task

    return {
        "status": dict(Status.choices),
        "rollup": dict(Task.Rollup.choices),
        "term_class": dict(Task.TermClass.choices),
        "novelty": dict(Task.Novelty.choices),
        "budget_class": dict(Task.BudgetClass.choices),
        "period_kind": dict(Task.PeriodKind.choices),
        "execution_type": dict(Task.ExecutionType.choices),
        "expense_type": dict(Task.ExpenseType.choices),
        "kind": dict(Indicator.Kind.choices),
        "aggregation": dict(Indicator.Aggregation.choices),
    }


def shown_value(value: Any, path: str) -> Any:
    """A recorded value as the history shows it: a choice's label (in the reader's language) for its
    stored code, e.g. status "on_hold" → 보류; other values as recorded."""
    if not isinstance(value, str) or not value:
        return value
    field = path.rsplit(".", 1)[-1]
    if field not in ("kind", "aggregation") and "." in path:
        return value  # only the card's own choice fields and its indicators' kind/aggregation
    if field in ("kind", "aggregation") and not path.startswith("indicators."):
        return value
    label = _choice_labels().get(field, {}).get(value)
    return str(label) if label is not None else value
