"""Who may export and import: readers export what they read, only coordinators import, outsiders see
nothing."""

import pytest

from sangsaeng.accounts.models import Kind
from sangsaeng.conftest import World, make_task
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.tests.helpers import audit_count, card_states, download, save, workbook
from sangsaeng.exchange.tests.samples import exchange_samples
from sangsaeng.orgs.models import Department


@pytest.mark.django_db
def test_an_outsider_gets_404_on_every_excel_page(world: World) -> None:
    preview = exchange_samples(world)["preview_id"]
    client = world.client_for(world.outsider)
    for url in (
        f"/plans/{world.plan.pk}/xlsx/",
        f"/plans/{world.plan.pk}/xlsx/export/",
        f"/plans/{world.plan.pk}/xlsx/template/",
        f"/xlsx-imports/{preview}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/plans/{world.plan.pk}/xlsx/import/", f"/xlsx-imports/{preview}/apply/"):
        assert client.post(url).status_code == 404, url


@pytest.mark.django_db
def test_an_officer_exports_but_cannot_import_nor_see_a_coordinators_preview(world: World) -> None:
    client = world.client_for(world.officer)
    wb = workbook(download(client.get(f"/plans/{world.plan.pk}/xlsx/export/")))
    assert wb["과제"]["A2"].value == "10-4"
    page = client.get(f"/plans/{world.plan.pk}/xlsx/").content.decode()
    assert "총괄 담당자만" in page and 'name="file"' not in page
    states, logs = card_states(world), audit_count()
    response = client.post(f"/plans/{world.plan.pk}/xlsx/import/", {"file": save(wb)})
    assert response.status_code == 403
    assert card_states(world) == states and audit_count() == logs and not ImportPreview.objects.exists()
    preview = exchange_samples(world)["preview_id"]
    assert client.get(f"/xlsx-imports/{preview}/").status_code == 404
    assert client.post(f"/xlsx-imports/{preview}/apply/").status_code == 404


@pytest.mark.django_db
def test_a_partner_government_exports_only_the_tasks_it_takes_part_in(world: World) -> None:
    other = Department.objects.create(organization=world.gyeongbuk, name="일자리경제과")
    make_task(world.plan, "3-1", area=world.area, lead=other)  # 대구 takes no part in it
    world.partner_viewer.kind = Kind.PARTNER
    world.partner_viewer.save(update_fields=["kind"])
    client = world.client_for(world.partner_viewer)
    wb = workbook(download(client.get(f"/plans/{world.plan.pk}/xlsx/export/")))
    codes = [row[0] for row in wb["과제"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["10-4"]
