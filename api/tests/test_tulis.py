from decimal import Decimal

import pytest

from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting.models import IsianFisik, IsianRealisasi, LaporanBulanan, StatusLaporan

from .conftest import auth, isi_basis_data


def _url(opd, bulan=3):
    return f"/api/opd/{opd.kode}/laporan/2025/{bulan}"


def _put(client, sampel, user, body, opd=None, bulan=3):
    return client.put(_url(opd or sampel.opd_b, bulan), body, content_type="application/json",
                      headers=auth(sampel, user))


def _revisi(sampel, opd=None) -> int:
    return LaporanBulanan.objects.get(opd=opd or sampel.opd_b, bulan=3).revisi


def _isian(sampel, jumlah="123.45", fisik="20", **kw):
    """Both PUPR lines (the second one a typed zero) and its sub kegiatan's fisik."""
    return {"revisi": _revisi(sampel),
            "realisasi": [{"rincian_id": sampel.rincian_b.pk, "jumlah": jumlah},
                          {"rincian_id": sampel.rincian_b2.pk, "jumlah": "0"}],
            "fisik": [{"sub_kegiatan_id": sampel.rincian_b.sub_kegiatan_id, "persen": fisik}],
            **kw}


def test_the_operator_saves_the_months_realisasi_and_fisik_as_a_draft(
        client, sampel, django_assert_max_num_queries):
    revisi = _revisi(sampel)
    with django_assert_max_num_queries(40):
        resp = _put(client, sampel, sampel.operator_b, _isian(sampel))
    assert resp.status_code == 200, resp.content
    assert resp.json() == {"status": "draft", "revisi": revisi + 1, "peringatan": []}
    r = IsianRealisasi.objects.get(rincian=sampel.rincian_b)
    assert r.jumlah == Decimal("123.45")
    assert r.history.first().history_user == sampel.operator_b
    assert IsianFisik.objects.get(laporan__opd=sampel.opd_b).persen == Decimal(20)
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    assert not RealisasiFisik.objects.filter(bulan=3).exists()
    # and reading it back gives the same figures, marked as a draft
    baca = client.get(f"/api/opd/{sampel.opd_b.kode}/realisasi?tahun=2025&bulan=3",
                      headers=auth(sampel, sampel.operator_b)).json()
    baris = {b["rincian_id"]: b for b in baca["baris"]}
    assert baris[sampel.rincian_b.pk]["realisasi"] == "123.45" and baris[sampel.rincian_b.pk]["draf"]
    assert baris[sampel.rincian_b2.pk]["realisasi"] == "0.00"
    assert baca["revisi"] == revisi + 1


def test_saving_and_submitting_in_one_call(client, sampel):
    resp = _put(client, sampel, sampel.operator_b, _isian(sampel, ajukan=True))
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == StatusLaporan.DIAJUKAN
    assert LaporanBulanan.objects.get(opd=sampel.opd_b, bulan=3).status == StatusLaporan.DIAJUKAN
    assert dict(RealisasiKeuangan.objects.filter(bulan=3).values_list("rincian_id", "jumlah")) \
        == {sampel.rincian_b.pk: Decimal("123.45"), sampel.rincian_b2.pk: Decimal(0)}


def test_a_submission_with_a_blank_line_is_refused_naming_it(client, sampel):
    sebelum = isi_basis_data()
    body = _isian(sampel, ajukan=True)
    body["realisasi"][1]["jumlah"] = None
    resp = _put(client, sampel, sampel.operator_b, body)
    assert resp.status_code == 422
    [g] = resp.json()["galat"]
    assert g["kode"] == f"kosong:{sampel.rincian_b2.pk}"
    assert "1.03.03.2.01.0001 Sub Kegiatan 1.03.03.2.01.0001 · PAD · 5.2.03: realisasi Maret " \
           "2025 belum diisi" in g["pesan"]
    assert isi_basis_data() == sebelum


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


def test_a_stale_revision_without_originals_is_a_conflict(client, sampel):
    body = _isian(sampel)
    assert _put(client, sampel, sampel.operator_b, body).status_code == 200
    sebelum = isi_basis_data()
    resp = _put(client, sampel, sampel.operator_b, {**body, "realisasi": [
        {"rincian_id": sampel.rincian_b.pk, "jumlah": "1"}]})
    assert resp.status_code == 409
    assert resp.json()["revisi"] == body["revisi"] + 1
    assert "Anda sendiri (di tab atau perangkat lain)" in resp.json()["detail"]
    assert "pengguna lain" not in resp.json()["detail"]
    [k] = resp.json()["konflik"]
    assert (k["jenis"], k["id"], k["anda"], k["tersimpan"], k["diubah_oleh"]) == (
        "realisasi", sampel.rincian_b.pk, "1.00", "123.45", "op.b")
    assert isi_basis_data() == sebelum


def test_a_stale_revision_with_originals_writes_only_what_the_client_changed(client, sampel):
    dibaca = _isian(sampel)["revisi"]
    assert _put(client, sampel, sampel.operator_b, _isian(sampel)).status_code == 200
    # A client that read the report before that save changes the PAD line only.
    resp = _put(client, sampel, sampel.operator_b, {"revisi": dibaca, "realisasi": [
        {"rincian_id": sampel.rincian_b.pk, "jumlah": None, "semula": None},
        {"rincian_id": sampel.rincian_b2.pk, "jumlah": "5", "semula": None}]})
    assert resp.status_code == 409  # the PAD line was set to 0 meanwhile: both changed it
    assert [k["id"] for k in resp.json()["konflik"]] == [sampel.rincian_b2.pk]
    resp = _put(client, sampel, sampel.operator_b, {"revisi": dibaca, "realisasi": [
        {"rincian_id": sampel.rincian_b.pk, "jumlah": None, "semula": None},
        {"rincian_id": sampel.rincian_b2.pk, "jumlah": "5", "semula": "0"}]})
    assert resp.status_code == 200, resp.content
    assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
        sampel.rincian_b.pk: Decimal("123.45"), sampel.rincian_b2.pk: Decimal(5)}


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
