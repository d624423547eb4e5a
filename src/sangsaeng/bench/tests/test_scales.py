"""Scales other than small, names and particles: each test on its own empty database."""

import pytest
from django.test import override_settings

from sangsaeng.bench import names
from sangsaeng.bench import seed as seed_module
from sangsaeng.bench.seed import NATIONAL, Seeder, SeedError, josa, seed
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Plan

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]

pytestmark = pytest.mark.django_db


def test_it_refuses_an_unknown_scale() -> None:
    with pytest.raises(SeedError, match="알 수 없는 규모"):
        seed("galactic", progress=lambda _m: None)


def test_it_names_the_243_governments_and_builds_5000_departments() -> None:
    seeder = Seeder(NATIONAL, seed=1, progress=lambda _m: None)
    seeder.governments()
    seeder.departments()
    assert Organization.objects.filter(kind="metro").count() == 17
    assert Organization.objects.filter(kind="local").count() == 226
    assert Organization.objects.filter(name="경상남도 고성군", short_name="경남 고성").exists()
    assert Organization.objects.filter(name="부산광역시 중구", parent__name="부산광역시").exists()
    assert Organization.objects.filter(name="광주시", short_name="경기 광주").exists()
    assert Department.objects.count() == 5000
    assert not Department.objects.filter(level="team", parent__level__in=["bureau", "team"]).exists()
    assert not Department.objects.filter(level="bureau", parent__isnull=False).exists()
    assert Department.objects.filter(parent__isnull=True, name__in=names.COORDINATOR_OFFICES).count() == 243


def test_it_writes_korean_particles_by_the_final_consonant() -> None:
    assert "달성군" + josa("달성군", "과", "와") == "달성군과"
    assert "경기도" + josa("경기도", "과", "와") == "경기도와"
    assert "관광 상품" + josa("관광 상품", "을", "를") == "관광 상품을"


def test_it_loads_the_demo_first_at_demo_plus_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    small_plus = seed_module.Scale("demo-plus", 3, 1, 40, 2, 6, 3, with_demo=True)
    monkeypatch.setitem(seed_module.SCALES, "demo-plus", small_plus)
    with override_settings(PASSWORD_HASHERS=MD5):
        summary = seed("demo-plus", progress=lambda _m: None)
    assert Plan.objects.filter(title="대구·경북 한뿌리 상생협력").exists()
    assert summary.counts["plans"] == 4 + 2  # the demo's four plans (one a 2020 revision), then the seed's
    # The demo's 대구광역시 and 서울특별시 are reused, not duplicated.
    assert Organization.objects.filter(name="대구광역시").count() == 1
