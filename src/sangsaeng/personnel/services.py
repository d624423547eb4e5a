"""Every write to a personnel exchange: validated, conflict-checked, atomic and audited."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import org_scope
from sangsaeng.agreements.records import changes_between, check_revision, kept_agreement
from sangsaeng.audit.services import log_event
from sangsaeng.lib import kdate
from sangsaeng.personnel.allowance import dispatch_last_day
from sangsaeng.personnel.models import LIMITED, MIRRORED, PAID, AllowanceRate, Exchange

FIELDS = (
    "kind",
    "person_name",
    "person_title",
    "person_grade",
    "home_org",
    "home_department",
    "host_org",
    "host_department",
    "counterpart_name",
    "counterpart_title",
    "counterpart_grade",
    "start",
    "end",
    "purpose",
    "agreement",
    "return_guaranteed",
    "evaluation_rating",
    "evaluation",
)
LABELS = {f.name: f.verbose_name for f in Exchange._meta.fields if f.name in FIELDS}


def check_exchange(data: dict[str, Any]) -> None:
    """The rules of an exchange, with a Korean message on the field at fault."""
    errors: dict[str, str] = {}
    kind, start, end = data.get("kind"), data.get("start"), data.get("end")
    home, host = data.get("home_org"), data.get("host_org")
    if home is not None and home == host:
        errors["host_org"] = gettext("근무 기관은 원소속 기관과 달라야 합니다.")
    for side, org in (("home", home), ("host", host)):
        dept = data.get(f"{side}_department")
        if dept is not None and org is not None and dept.organization_id != org.pk:
            errors[f"{side}_department"] = gettext("부서가 고른 기관의 부서가 아닙니다.")
    if kind == Exchange.Kind.TRANSFER:
        if end:
            errors["end"] = gettext("전출입은 종료일 없이 전입일만 적습니다.")
    elif start and not end:
        errors["end"] = gettext("종료일을 적으세요.")
    elif start and end and end < start:
        errors["end"] = gettext("종료일이 시작일보다 빠릅니다.")
    elif kind == Exchange.Kind.ONE_DAY and start and end and end != start:
        errors["end"] = gettext("1일 교환근무는 시작일과 종료일이 같아야 합니다.")
    elif kind in LIMITED and start and end and end > dispatch_last_day(start):
        errors["end"] = gettext("파견 기간은 2년을 넘을 수 없습니다 (%(date)s까지).") % {
            "date": kdate.official(dispatch_last_day(start))
        }
    if kind in MIRRORED and not data.get("counterpart_name"):
        errors["counterpart_name"] = gettext("맞교환·교환근무는 상대 교류자를 적어야 합니다.")
    if kind in PAID:
        if data.get("person_grade") is None:
            errors["person_grade"] = gettext("교류수당을 계산하려면 직급을 적어야 합니다.")
        if kind in MIRRORED and data.get("counterpart_grade") is None:
            errors["counterpart_grade"] = gettext("교류수당을 계산하려면 상대 교류자의 직급을 적어야 합니다.")
    if errors:
        raise ValidationError(errors)


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (str(v) if hasattr(v, "pk") else v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in values.items()
    }


def exchange_save(
    *, actor: User, exchange: Exchange | None, data: dict[str, Any], base_revision: int | None
) -> Exchange:
    """Create (`exchange` None) or update an exchange. The actor must write for the home or the host
    government, before and after the change."""
    check_exchange(data)
    if not org_scope(actor).writes({data["home_org"].pk, data["host_org"].pk}):
        raise ValidationError({"home_org": gettext("담당하는 기관이 원소속 또는 근무 기관이어야 합니다.")})
    if data["kind"] not in MIRRORED:
        data = data | {"counterpart_name": "", "counterpart_title": "", "counterpart_grade": None}
    with transaction.atomic():
        if exchange is None:
            current, before = Exchange(created_by=actor), None
        else:
            current = Exchange.objects.select_for_update().get(pk=exchange.pk)
            # The form offers only the agreements the editor may read: a link to another stays.
            data = data | {
                "agreement": kept_agreement(
                    actor=actor, current_id=current.agreement_id, chosen=data["agreement"]
                )
            }
            before = _snapshot({k: getattr(current, k) for k in FIELDS})
            check_revision(
                current=current.revision,
                base=base_revision,
                changes=changes_between(before, _snapshot(data), LABELS),
            )
        for name in FIELDS:
            setattr(current, name, data[name])
        current.revision += 1
        current.full_clean()
        current.save()
        after = _snapshot({k: getattr(current, k) for k in FIELDS})
        log_event(
            actor=actor,
            action="exchange_create" if before is None else "exchange_update",
            summary=(
                gettext_noop("인사교류 등록: %(who)s")
                if before is None
                else gettext_noop("인사교류 수정: %(who)s")
            )
            % {"who": f"{current.get_kind_display()} {current.person_name}"},
            changes=changes_between(before or {}, after, LABELS),
        )
    return current


def table_revision(rates: Iterable[AllowanceRate]) -> int:
    """The allowance table's revision: the sum of its rows' (every change raises one, none lowers)."""
    return sum(rate.revision for rate in rates)


def rates_save(
    *, actor: User, amounts: dict[int, int], new: tuple[int, str, int] | None, base_revision: int
) -> None:
    """Change the allowance table (administrators): monthly amounts by grade, and maybe a new row.
    `base_revision` is the table's revision (table_revision) the form started from."""
    if not actor.is_superuser:
        raise PermissionDenied(gettext("교류수당 기준은 시스템 관리자만 바꿀 수 있습니다."))
    with transaction.atomic():
        rates = list(AllowanceRate.objects.select_for_update().order_by("grade"))
        changes = []
        for rate in rates:
            won = amounts.get(rate.grade, rate.monthly_won)
            if won != rate.monthly_won:
                changes.append(
                    {
                        "path": f"rate.{rate.grade}",
                        "label": rate.label,
                        "before": rate.monthly_won,
                        "after": won,
                    }
                )
        check_revision(current=table_revision(rates), base=base_revision, changes=changes)
        for rate in rates:
            won = amounts.get(rate.grade, rate.monthly_won)
            if won != rate.monthly_won:
                rate.monthly_won = won
                rate.revision += 1
                rate.save(update_fields=["monthly_won", "revision"])
        if new is not None:
            grade, label, won = new
            if any(rate.grade == grade for rate in rates):
                raise ValidationError(
                    {"new_grade": gettext("%(grade)d급 기준은 이미 있습니다.") % {"grade": grade}}
                )
            row = AllowanceRate(grade=grade, label=label, monthly_won=won, revision=1)
            row.full_clean()
            row.save()
            changes.append({"path": f"rate.{grade}", "label": label, "before": None, "after": won})
        if changes:
            log_event(
                actor=actor,
                action="allowance_rates",
                summary=gettext_noop("교류수당 기준 변경"),
                changes=changes,
            )
