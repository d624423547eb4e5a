"""The request types every installation starts with (seeded by migration 0002; the demo makes sure of
them too, since test databases that are flushed lose migrated rows). Plain data, no models."""

from typing import Any

EOK = 100_000  # 천원 per 억원

# (name, behaviour, description, days, complex days, threshold total, threshold share (천원), order)
TYPES: tuple[tuple[str, str, str, int, int | None, int | None, int | None, int], ...] = (
    ("건의", "general", "현안에 대한 제안·건의", 14, None, None, None, 1),
    ("질의", "general", "업무 처리에 관한 질의 (복합 사안은 14일)", 7, 14, None, None, 2),
    ("컨설팅 요청", "consulting", "감사 전 컨설팅: 법령 해석, 절차", 14, None, None, None, 3),
    (
        "사전타당성 검토",
        "prefeasibility",
        "대규모 사업 추진 전 사전타당성 검토 (검토 보고서 작성, 검토위원회 회부)",
        60,
        None,
        200 * EOK,
        20 * EOK,
        4,
    ),
)


def ensure_types(model: Any) -> None:
    """Create the missing default types (`model`: RequestType, or its historical model in a migration)."""
    for name, behaviour, description, days, complex_days, total, share, order in TYPES:
        model.objects.get_or_create(
            name=name,
            defaults={
                "behaviour": behaviour,
                "description": description,
                "days": days,
                "complex_days": complex_days,
                "threshold_total": total,
                "threshold_share": share,
                "order": order,
            },
        )
