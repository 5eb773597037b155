"""The API's indicator endpoint: the OPD's indicators with targets, quarters and capaian, for
a token of that OPD's operator or a leader; another OPD's operator gets 404."""

from __future__ import annotations

from api.models import TokenAPI


def _auth(user) -> dict:
    return {"Authorization": f"Bearer {TokenAPI.buat(user)[1]}"}


def test_an_operator_reads_their_own_indicators(client, indikator_dinkes, dinkes,
                                                operator_dinkes):
    resp = client.get(f"/api/opd/{dinkes.kode}/indikator", {"tahun": 2025},
                      headers=_auth(operator_dinkes))
    assert resp.status_code == 200
    data = resp.json()
    assert data["opd"] == dinkes.kode and len(data["indikator"]) == 4
    a1 = next(i for i in data["indikator"] if i["uraian"] == "Jumlah puskesmas yang dibangun")
    assert a1["realisasi_triwulan"] == ["1.00", "2.00", None, None]
    assert a1["target"] == "4.00" and a1["capaian"] == "75.00" and a1["predikat"] == "Sedang"
    nol = next(i for i in data["indikator"] if i["uraian"] == "Jumlah alat kesehatan")
    assert nol["capaian"] is None and nol["predikat"] is None


def test_another_opds_operator_gets_404_and_a_leader_reads_all(client, indikator_dinkes,
                                                               dinkes, operator_pupr, pimpinan):
    resp = client.get(f"/api/opd/{dinkes.kode}/indikator", {"tahun": 2025},
                      headers=_auth(operator_pupr))
    assert resp.status_code == 404 and "Prevalensi" not in resp.content.decode()
    resp = client.get(f"/api/opd/{dinkes.kode}/indikator", {"tahun": 2025},
                      headers=_auth(pimpinan))
    assert resp.status_code == 200 and len(resp.json()["indikator"]) == 4
    assert client.get(f"/api/opd/{dinkes.kode}/indikator", {"tahun": 2025}).status_code == 401
