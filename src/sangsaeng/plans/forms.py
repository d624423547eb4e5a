"""Forms for the card's parts. They only parse and validate; plans.parts applies them."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sangsaeng.lib import bullets, kdate
from sangsaeng.lib.money import MoneyError, Unit, format_money, parse_money
from sangsaeng.orgs.models import Agreement, Department, Organization
from sangsaeng.plans.models import Area, Indicator, Status, Task


class MoneyField(forms.CharField):
    """Typed in the unit the user chose (천원 or 억원); cleaned to an int of 천원."""

    def __init__(self, *args: Any, unit: Unit = "cheonwon", **kwargs: Any) -> None:
        self.unit = unit
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "num", "size": "8"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return format_money(value, self.unit)
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        try:
            return parse_money(str(value or ""), self.unit)
        except MoneyError as exc:
            raise ValidationError(str(exc)) from exc


class BulletField(forms.CharField):
    """A bullet tree typed as text: ○ / • / - markers or two spaces per level."""

    widget = forms.Textarea(attrs={"rows": 8, "class": "bullets"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return bullets.to_text(value)
        return value

    def to_python(self, value: Any) -> list[Any]:  # type: ignore[override]
        text = super().to_python(value) or ""
        if len(text) > 20000:
            raise ValidationError(gettext("내용이 너무 깁니다 (20,000자 이하)."))
        return bullets.parse(text)


class HeaderForm(forms.Form):
    code = forms.CharField(label=_("관리번호"), max_length=20)
    title = forms.CharField(label=_("과제명"), max_length=200)
    slogan = forms.CharField(label=_("표어"), max_length=200, required=False)
    area = forms.ModelChoiceField(label=_("분야"), queryset=Area.objects.none(), required=False)
    status = forms.ChoiceField(label=_("사업이행도"), choices=Status.choices)
    progress = forms.DecimalField(
        label=_("종합 진도율(%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        required=False,
    )
    implementer = forms.CharField(label=_("사업주체"), max_length=100, required=False)
    term_class = forms.ChoiceField(label=_("임기구분"), choices=Task.TermClass.choices)
    novelty = forms.ChoiceField(label=_("신규여부"), choices=Task.Novelty.choices)
    budget_class = forms.ChoiceField(label=_("예산구분"), choices=Task.BudgetClass.choices)
    lead_department = forms.ModelChoiceField(
        label=_("주관부서"), queryset=Department.objects.none(), required=False
    )
    contacts = forms.CharField(
        label=_("담당자"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("한 줄에 한 사람: 직위 성명 연락처 (예: 담당자 권순락 880-2147)"),
    )
    central_coop = forms.CharField(label=_("중앙협조"), max_length=200, required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("협력 기관"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    agreement = forms.ModelChoiceField(
        label=_("관련 협약"), queryset=Agreement.objects.none(), required=False
    )
    period_kind = forms.ChoiceField(
        label=_("사업기간"), choices=[("", "-"), *Task.PeriodKind.choices], required=False
    )
    period_text = forms.CharField(label=_("사업기간(기재)"), max_length=100, required=False)
    location = forms.CharField(label=_("사업위치"), max_length=200, required=False)
    execution_type = forms.ChoiceField(
        label=_("사업형태"), choices=[("", "-"), *Task.ExecutionType.choices], required=False
    )
    expense_type = forms.ChoiceField(
        label=_("경상·투자"), choices=[("", "-"), *Task.ExpenseType.choices], required=False
    )

    def __init__(self, *args: Any, task: Task, has_children: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = task.plan
        self.fields["area"].queryset = Area.objects.filter(plan=plan)  # type: ignore[attr-defined]
        orgs = plan.organizations.all()
        self.fields["lead_department"].queryset = (  # type: ignore[attr-defined]
            Department.objects.filter(organization__in=orgs).select_related("organization")
        )
        self.fields["partners"].queryset = Organization.objects.all()  # type: ignore[attr-defined]
        self.fields["agreement"].queryset = Agreement.objects.all()  # type: ignore[attr-defined]
        if has_children:
            self.fields["progress"].disabled = True
            self.fields["progress"].help_text = gettext("세부과제에서 자동 계산됩니다.")

    def clean_contacts(self) -> list[dict[str, str]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("contacts") or "").splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) < 2:
                raise ValidationError(
                    gettext("%(number)s번째 줄: '직위 성명 연락처' 순서로 입력하세요.") % {"number": number}
                )
            phone = parts[2] if len(parts) > 2 else ""
            rows.append({"role": parts[0], "name": parts[1], "phone": phone})
        return rows


class GoalForm(forms.Form):
    goal = forms.CharField(label=_("목표"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    term_indicator = forms.CharField(
        label=_("이행 확인지표(임기내 목표)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TextForm(forms.Form):
    items = BulletField(
        label=_("내용"),
        required=False,
        help_text=_("한 줄에 한 항목. ○ • - 기호나 앞의 공백 두 칸으로 단계를 나눕니다."),
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("지표명"), max_length=200)
    kind = forms.ChoiceField(label=_("유형"), choices=Indicator.Kind.choices)
    unit = forms.CharField(label=_("단위"), max_length=20, required=False)
    aggregation = forms.ChoiceField(label=_("임기 합산 방식"), choices=Indicator.Aggregation.choices)
    term_plan_text = forms.CharField(label=_("종합 계획(서술)"), max_length=300, required=False)
    term_actual_text = forms.CharField(label=_("종합 실적(서술)"), max_length=300, required=False)
    note = forms.CharField(label=_("비고"), max_length=200, required=False)

    def __init__(self, *args: Any, years: list[int], computed_actuals: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        # Set when another app computes the actuals ("교류행사에서 자동 집계"): shown, not typed.
        self.computed_actuals = computed_actuals
        for y in years:
            self.fields[f"target_{y}"] = forms.DecimalField(
                label=gettext("%(year)s년 계획") % {"year": y},
                required=False,
                max_digits=16,
                decimal_places=2,
            )
            self.fields[f"actual_{y}"] = forms.DecimalField(
                label=gettext("%(year)s년 실적") % {"year": y},
                required=False,
                max_digits=16,
                decimal_places=2,
            )
            if computed_actuals:
                self.fields[f"actual_{y}"].widget.attrs["readonly"] = "readonly"
            self.fields[f"plan_text_{y}"] = forms.CharField(
                label=gettext("%(year)s년 계획(서술)") % {"year": y}, required=False, max_length=300
            )
            self.fields[f"actual_text_{y}"] = forms.CharField(
                label=gettext("%(year)s년 실적(서술)") % {"year": y}, required=False, max_length=300
            )
            self.fields[f"achieved_{y}"] = forms.BooleanField(
                label=gettext("%(year)s년 달성") % {"year": y}, required=False
            )
            self.fields[f"achieved_on_{y}"] = forms.CharField(
                label=gettext("%(year)s년 달성일") % {"year": y}, required=False, max_length=30
            )

    def year_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "year": y,
                **{
                    name: self[f"{name}_{y}"]
                    for name in ("target", "actual", "plan_text", "actual_text", "achieved", "achieved_on")
                },
            }
            for y in self.years
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for y in self.years:
            raw = data.get(f"achieved_on_{y}")
            if raw:
                try:
                    data[f"achieved_on_{y}"], _ = kdate.parse(raw)
                except kdate.DateError as exc:
                    self.add_error(f"achieved_on_{y}", str(exc))
            else:
                data[f"achieved_on_{y}"] = None
            for name in ("target", "actual"):
                value = data.get(f"{name}_{y}")
                if value is not None and value < 0:
                    self.add_error(f"{name}_{y}", gettext("음수는 입력할 수 없습니다."))
            typed = data.get(f"actual_{y}")
            if self.computed_actuals and f"actual_{y}" in data and typed != self.initial.get(f"actual_{y}"):
                self.add_error(
                    f"actual_{y}",
                    gettext(
                        "이 지표의 실적은 %(source)s되므로 직접 입력할 수 없습니다. "
                        "실적을 바꾸려면 해당 행사를 등록하거나 고치세요."
                    )
                    % {"source": self.computed_actuals},
                )
        return data


class ActivityForm(forms.Form):
    when = forms.CharField(
        label=_("일자"),
        max_length=50,
        help_text=_("예: 2019. 8. 30. / 2019. 6. (월) / 2019. 2. 11. ~ 2. 28. / 2018. 10. 2. ~"),
    )
    text = forms.CharField(label=_("내용"), max_length=500)
    details = BulletField(label=_("세부 내용"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.IntegerField(label=_("참여 인원(명)"), min_value=0, required=False)

    def clean_when(self) -> tuple[Any, ...]:
        try:
            return kdate.parse_range(self.cleaned_data["when"])
        except kdate.DateError as exc:
            raise ValidationError(str(exc)) from exc


class BudgetForm(forms.Form):
    """The 예산투입 grid: kind × source × (기투자 | years | 임기후), in the chosen unit."""

    def __init__(self, *args: Any, sources: list[Any], years: list[int], unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources, self.years, self.unit = sources, years, unit
        self.columns: list[tuple[str, int | None, str]] = [
            ("before", None, gettext("기투자")),
            *(("year", y, f"'{y % 100:02d}") for y in years),
            ("after", None, gettext("임기후")),
        ]
        for kind in ("planned", "secured", "executed"):
            for s in sources:
                for bucket, year, label in self.columns:
                    self.fields[self.key(kind, s.id, bucket, year)] = MoneyField(
                        label=f"{s.name} {label}", unit=unit
                    )

    @staticmethod
    def key(kind: str, source_id: int, bucket: str, year: int | None) -> str:
        return f"b_{kind}_{source_id}_{bucket}_{year or 0}"

    def grid(self, kind: str) -> list[tuple[Any, list[Any]]]:
        return [(s, [self[self.key(kind, s.id, b, y)] for b, y, _ in self.columns]) for s in self.sources]

    def grids(self) -> list[tuple[str, str, list[tuple[Any, list[Any]]]]]:
        return [
            (k, label, self.grid(k))
            for k, label in (
                ("planned", gettext("투자계획")),
                ("secured", gettext("확보")),
                ("executed", gettext("집행")),
            )
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Executed above secured is almost always a typing mistake; say where.
        for s in self.sources:
            for bucket, year, label in self.columns:
                secured = data.get(self.key("secured", s.id, bucket, year))
                executed = data.get(self.key("executed", s.id, bucket, year))
                if executed is not None and executed > (secured or 0):
                    self.add_error(
                        self.key("executed", s.id, bucket, year),
                        gettext("%(source)s %(column)s: 집행액이 확보액보다 큽니다.")
                        % {"source": s.name, "column": label},
                    )
                for kind in ("planned", "secured", "executed"):
                    value = data.get(self.key(kind, s.id, bucket, year))
                    if value is not None and value < 0:
                        self.add_error(
                            self.key(kind, s.id, bucket, year), gettext("음수는 입력할 수 없습니다.")
                        )
        return data


class SubtasksForm(forms.Form):
    rollup = forms.ChoiceField(label=_("진도율 산정 방식"), choices=Task.Rollup.choices)

    def __init__(self, *args: Any, children: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for c in children:
            self.fields[f"weight_{c.id}"] = forms.DecimalField(
                label=gettext("%(code)s 가중치") % {"code": c.code},
                min_value=Decimal(0),
                max_digits=7,
                decimal_places=2,
            )

    def weight_fields(self) -> list[tuple[Any, Any]]:
        return [(c, self[f"weight_{c.id}"]) for c in self.children]


class SubtaskCreateForm(forms.Form):
    code = forms.CharField(label=_("관리번호"), max_length=20)
    title = forms.CharField(label=_("과제명"), max_length=200)
    progress = forms.DecimalField(
        label=_("진도율(%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=Decimal(0),
    )
    weight = forms.DecimalField(
        label=_("가중치"), min_value=Decimal(0), max_digits=7, decimal_places=2, initial=Decimal(1)
    )
