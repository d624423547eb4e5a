"""Field-level differences between two card states, with Korean labels a person can read."""

from typing import Any

from sangsaeng.lib import bullets

FIELD_LABELS = {
    "code": "관리번호",
    "title": "과제명",
    "slogan": "표어",
    "status": "사업이행도",
    "progress": "종합 진도율",
    "rollup": "진도율 산정 방식",
    "weight": "가중치",
    "implementer": "사업주체",
    "term_class": "임기구분",
    "novelty": "신규여부",
    "budget_class": "예산구분",
    "lead_department": "주관부서",
    "central_coop": "중앙협조",
    "partners": "협력 기관",
    "agreement": "관련 협약",
    "goal": "목표",
    "term_indicator": "이행 확인지표",
    "period_kind": "사업기간",
    "period_text": "사업기간(기재)",
    "location": "사업위치",
    "execution_type": "사업형태",
    "expense_type": "경상·투자",
    "prior_procedures": "사전절차 대상",
    "contacts": "담당자",
    "area": "분야",
    "parent": "상위 과제",
}
TEXT_LABELS = {
    "outline": "개요",
    "purpose": "사업목적",
    "basis": "사업근거",
    "content": "사업내용",
    "focus": "중점추진사항",
    "procedure": "사업추진절차",
    "effect": "기대효과",
    "problems": "문제점 및 대책",
    "next_steps": "향후계획",
}
KIND_LABELS = {"planned": "투자계획", "secured": "확보", "executed": "집행"}
VALUE_LABELS = {
    "target": "계획",
    "actual": "실적",
    "plan_text": "계획(서술)",
    "actual_text": "실적(서술)",
    "achieved_on": "달성일",
    "achieved": "달성",
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
    for key, label in FIELD_LABELS.items():
        if key not in state:
            continue
        value = state[key]
        if key == "partners":
            value = ", ".join(p["name"] for p in value)
        elif key == "contacts":
            value = "; ".join(f"{c['role']} {c['name']} {c['phone']}".strip() for c in value)
        elif key == "prior_procedures":
            value = ", ".join(value)
        out[key] = (label, _plain(_ref(value)))
    for kind, tree in state.get("texts", {}).items():
        out[f"texts.{kind}"] = (TEXT_LABELS.get(kind, kind), bullets.to_text(tree))
    for ind in state.get("indicators", []):
        base = f"indicators.{ind['id']}"
        name = f"지표 「{ind['name']}」"
        for attr, label in (
            ("name", "지표명"),
            ("kind", "유형"),
            ("unit", "단위"),
            ("aggregation", "합산 방식"),
            ("term_plan_text", "종합 계획"),
            ("term_actual_text", "종합 실적"),
            ("note", "비고"),
        ):
            out[f"{base}.{attr}"] = (f"{name} {label}", ind.get(attr))
        for v in ind.get("values", []):
            for attr, label in VALUE_LABELS.items():
                if v.get(attr) not in (None, "", False):
                    out[f"{base}.{v['year']}.{attr}"] = (f"{name} {v['year']}년 {label}", _plain(v.get(attr)))
    sources = {s["id"]: s["name"] for s in state.get("sources", [])}
    for e in state.get("budget", []):
        when = {"before": "기투자", "after": "임기후"}.get(e["bucket"], f"{e['year']}년")
        path = f"budget.{e['kind']}.{e['source_id']}.{e['bucket']}.{e['year']}"
        label = f"예산 {KIND_LABELS.get(e['kind'], e['kind'])} {sources.get(e['source_id'], '')} {when}"
        out[path] = (label, e["amount"])
    for item in state.get("items", []):
        base = f"items.{item['id']}"
        name = f"{item['year']}년 {item['code']} {item['name']}"
        out[f"{base}.head"] = (f"예산과목 {name}", f"{item['code']} {item['name']}")
        if item.get("stated_amount") is not None:
            out[f"{base}.stated_amount"] = (f"{name} 예산액", item["stated_amount"])
        for ln in item.get("lines", []):
            desc = ln["label"]
            if ln.get("unit_price") is not None:
                desc += f" ({ln['unit_price']:,}원 × {ln['quantity']}{ln.get('unit', '')})"
            if ln.get("amount") is not None:
                desc += f" = {ln['amount']:,}천원"
            out[f"{base}.lines.{ln['id']}"] = (f"{name} 산출근거", desc)
    for s in state.get("settlements", []):
        for attr, label in (
            ("original", "당초예산"),
            ("carried_in", "전년이월"),
            ("change", "예산변경"),
            ("executed", "집행액"),
            ("carried_out", "차년이월"),
        ):
            out[f"settlements.{s['year']}.{attr}"] = (f"{s['year']}년 결산 {label}", s[attr])
    for i, s in enumerate(state.get("schedule", [])):
        out[f"schedule.{s['year']}.{i}"] = (
            f"{s['year']}년 추진일정",
            f"{s['label']} {s.get('period', '')} {s.get('amount') or ''}".strip(),
        )
    for a in state.get("activities", []):
        detail = "; ".join(d.get("text", "") if isinstance(d, dict) else str(d) for d in a.get("details", []))
        value = f"{a['start']} {a['text']}" + (f" ({detail})" if detail else "")
        if a.get("participants"):
            value += f" [{a['participants']}명]"
        out[f"activities.{a['id']}"] = ("세부추진실적", value)
    for lg in state.get("legislation", []):
        for attr, label in (
            ("name", "조례명"),
            ("bill_kind", "안건 구분"),
            ("proposed_on", "발의"),
            ("committee_on", "위원회 심사"),
            ("plenary_on", "본회의 의결"),
            ("promulgated_on", "공포"),
            ("note", "비고"),
        ):
            out[f"legislation.{lg['id']}.{attr}"] = (f"조례 「{lg['name']}」 {label}", lg.get(attr))
    for c in state.get("children", []):
        out[f"children.{c['id']}.title"] = ("세부과제", f"{c['code']} {c['title']}")
        out[f"children.{c['id']}.progress"] = (f"세부과제 {c['code']} 진도율", _plain(c["progress"]))
        out[f"children.{c['id']}.weight"] = (f"세부과제 {c['code']} 가중치", _plain(c["weight"]))
    for a in state.get("attachments", []):
        out[f"attachments.{a['id']}"] = ("첨부파일", a["name"])
    for key, value in state.get("stated", {}).items():
        out[f"stated.{key}"] = (f"원문 기재값 {key}", _plain(value))
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
