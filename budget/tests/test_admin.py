"""Every model registered in the Django admin opens, searches and filters without error."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import Peran, User
from budget import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_id(client):
    u = User.objects.create_superuser("root", "root@example.invalid", "x", peran=Peran.ADMIN)
    client.force_login(u)
    o = t.opd()
    t.rincian(o=o, pagu=1200, realisasi={1: 100})
    t.fisik(o, "1.02.02.2.01.0001", 1, realisasi=10, target=20)
    return client


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_changelist_search_and_add_pages_open(admin_client_id, model):
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    r = admin_client_id.get(url)
    assert r.status_code == 200
    if admin.site._registry[model].search_fields:
        assert admin_client_id.get(url, {"q": "1.02"}).status_code == 200
    add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    assert admin_client_id.get(add).status_code in (200, 403)


def test_admin_speaks_indonesian(admin_client_id):
    r = admin_client_id.get(reverse("admin:budget_paguanggaran_changelist"))
    assert "pagu dan anggaran kas" in r.content.decode().lower()
    assert "Cari" in r.content.decode()


@pytest.mark.parametrize("model", ["realisasikeuangan", "realisasifisik"])
def test_realisasi_cannot_be_added_changed_or_deleted_in_the_admin(admin_client_id, model):
    """Only the monthly report and the imports write realisasi, with their checks and trail."""
    from budget.models import RealisasiFisik, RealisasiKeuangan

    obj = (RealisasiKeuangan if model == "realisasikeuangan" else RealisasiFisik).objects.first()
    assert admin_client_id.get(reverse(f"admin:budget_{model}_add")).status_code == 403
    r = admin_client_id.post(reverse(f"admin:budget_{model}_delete", args=[obj.pk]), {"post": "yes"})
    assert r.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()
    halaman = admin_client_id.get(reverse(f"admin:budget_{model}_change", args=[obj.pk]))
    assert halaman.status_code == 200 and 'name="_save"' not in halaman.content.decode()


def test_the_admin_index_names_the_login_apps_in_indonesian(admin_client_id):
    html = admin_client_id.get(reverse("admin:index")).content.decode()
    assert "Penguncian login" in html and "Verifikasi dua langkah" in html
    assert "Otp_Totp" not in html and "OTP_TOTP" not in html and "TOTP devices" not in html
