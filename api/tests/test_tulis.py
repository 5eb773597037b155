from decimal import Decimal

import pytest

from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting.models import LaporanBulanan, StatusLaporan

from .conftest import auth, isi_basis_data


def _url(opd, bulan=3):
    return f"/api/opd/{opd.kode}/laporan/2025/{bulan}"


def _put(client, sampel, user, body, opd=None, bulan=3):
    return client.put(_url(opd or sampel.opd_b, bulan), body, content_type="application/json",
                      headers=auth(sampel, user))


def _revisi(sampel, opd=None) -> int:
    return LaporanBulanan.objects.get(opd=opd or sampel.opd_b, bulan=3).revisi


def _isian(sampel, jumlah="123.45", fisik="20", **kw):
    return {"revisi": _revisi(sampel),
            "realisasi": [{"rincian_id": sampel.rincian_b.pk, "jumlah": jumlah}],
            "fisik": [{"sub_kegiatan_id": sampel.rincian_b.sub_kegiatan_id, "persen": fisik}],
            **kw}


def test_the_operator_saves_the_months_realisasi_and_fisik(client, sampel,
                                                            django_assert_max_num_queries):
    revisi = _revisi(sampel)
    with django_assert_max_num_queries(40):
        resp = _put(client, sampel, sampel.operator_b, _isian(sampel))
    assert resp.status_code == 200, resp.content
    assert resp.json() == {"status": "draft", "revisi": revisi + 1, "peringatan": []}
    r = RealisasiKeuangan.objects.get(rincian=sampel.rincian_b, bulan=3)
    assert r.jumlah == Decimal("123.45")
    assert r.history.first().history_user == sampel.operator_b
    assert RealisasiFisik.objects.get(opd=sampel.opd_b, bulan=3).persen == Decimal(20)
    # and reading it back gives the same figures
    baca = client.get(f"/api/opd/{sampel.opd_b.kode}/realisasi?tahun=2025&bulan=3",
                      headers=auth(sampel, sampel.operator_b)).json()
    assert {b["rincian_id"]: b["realisasi"] for b in baca["baris"]}[sampel.rincian_b.pk] == "123.45"
    assert baca["revisi"] == revisi + 1


def test_saving_and_submitting_in_one_call(client, sampel):
    resp = _put(client, sampel, sampel.operator_b, _isian(sampel, ajukan=True))
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == StatusLaporan.DIAJUKAN
    assert LaporanBulanan.objects.get(opd=sampel.opd_b, bulan=3).status == StatusLaporan.DIAJUKAN


def test_a_refused_submission_undoes_the_save_too(client, sampel):
    sebelum = isi_basis_data()
    # 350 + 1000 against an anggaran kas of 600: a warning without explanation blocks submission
    resp = _put(client, sampel, sampel.operator_b, _isian(sampel, jumlah="1000", ajukan=True))
    assert resp.status_code == 422
    assert "melebihi anggaran kas" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_an_explained_warning_lets_the_report_be_submitted(client, sampel):
    kode = f"lebih_ak:{sampel.rincian_b.pk}"
    resp = _put(client, sampel, sampel.operator_b,
                _isian(sampel, jumlah="1000", fisik="60", ajukan=True,
                       penjelasan={kode: "Pembayaran termin dipercepat."}))
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == StatusLaporan.DIAJUKAN


def test_a_validation_error_names_the_line_and_value_and_changes_nothing(client, sampel):
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, _isian(sampel, jumlah="5000"))
    assert resp.status_code == 422
    galat = resp.json()["galat"]
    assert galat[0]["rincian_id"] == sampel.rincian_b.pk
    assert "1.03.03.2.01.0001" in galat[0]["pesan"]
    assert "Rp 5.350,00 melebihi pagu Rp 2.400,00" in galat[0]["pesan"]
    assert isi_basis_data() == sebelum


@pytest.mark.parametrize("jumlah,alasan", [("1.250,50", "memakai koma"), ("abc", "bukan angka"),
                                           ("10.123", "lebih dari 2 angka")])
def test_an_unreadable_amount_is_refused_naming_the_line(client, sampel, jumlah, alasan):
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, _isian(sampel, jumlah=jumlah))
    assert resp.status_code == 422
    assert alasan in resp.json()["detail"] and "1.03.03.2.01.0001" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_money_as_a_json_number_is_refused(client, sampel):
    body = _isian(sampel)
    body["realisasi"][0]["jumlah"] = 123.45
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, body)
    assert resp.status_code == 422
    assert "jumlah" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_a_stale_revision_is_a_conflict(client, sampel):
    body = _isian(sampel)
    assert _put(client, sampel, sampel.operator_b, body).status_code == 200
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, {**body, "realisasi": [
        {"rincian_id": sampel.rincian_b.pk, "jumlah": "1"}]})
    assert resp.status_code == 409
    assert resp.json()["revisi"] == body["revisi"] + 1
    assert "telah diubah oleh pengguna lain" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_another_opds_operator_can_write_nothing(client, sampel):
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_a, _isian(sampel))
    assert resp.status_code == 404
    assert sampel.opd_b.nama not in resp.content.decode()
    assert isi_basis_data() == sebelum


def test_a_line_of_another_opd_in_the_body_is_forbidden(client, sampel):
    sebelum = isi_basis_data()
    body = _isian(sampel)
    body["realisasi"].append({"rincian_id": sampel.rincian_a.pk, "jumlah": "1"})
    resp = _put(client, sampel, sampel.operator_b, body)
    assert resp.status_code == 403
    assert isi_basis_data() == sebelum


@pytest.mark.parametrize("peran", ["verifikator", "pimpinan"])
def test_readers_may_not_write(client, sampel, peran):
    sebelum = isi_basis_data()
    resp = _put(client, sampel, getattr(sampel, peran), _isian(sampel))
    assert resp.status_code == 403
    assert "Hanya operator" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_a_month_not_yet_begun_is_refused_without_creating_a_report(client, sampel):
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, {"revisi": 0, "realisasi": []}, bulan=5)
    assert resp.status_code == 422
    assert "belum dimulai" in resp.json()["detail"]
    assert isi_basis_data() == sebelum


def test_a_submitted_report_cannot_be_changed(client, sampel):
    lap = LaporanBulanan.objects.get(opd=sampel.opd_b, bulan=2)
    resp = client.put(_url(sampel.opd_b, 2), {"revisi": lap.revisi, "realisasi": [
        {"rincian_id": sampel.rincian_b.pk, "jumlah": "1"}]}, content_type="application/json",
        headers=auth(sampel, sampel.operator_b))
    assert resp.status_code == 422
    assert "Diajukan" in resp.json()["detail"]
