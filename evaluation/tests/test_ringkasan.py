"""Breakdowns from a HasilRekap: DAK Fisik, kelompok belanja, kecamatan ranking, best/worst —
pure, with unsaved masters as labels (no database)."""

from decimal import Decimal

from budget.models import JenisBelanja, JenisOPD, KelompokBelanja, PerangkatDaerah, SumberDana
from evaluation.queries import DataRekap, HasilRekap
from evaluation.ringkasan import (
    angka_menurut,
    dak_fisik,
    kecamatan,
    per_kelompok_belanja,
    terbaik_terburuk,
)
from lib.figures import Baris, hitung_angka, rekap

D = Decimal

OPD = {
    1: PerangkatDaerah(pk=1, kode="1", nama="Dinas A", jenis=JenisOPD.DINAS),
    2: PerangkatDaerah(pk=2, kode="2", nama="Kecamatan B", jenis=JenisOPD.KECAMATAN),
    3: PerangkatDaerah(pk=3, kode="3", nama="Kecamatan C", jenis=JenisOPD.KECAMATAN),
    4: PerangkatDaerah(pk=4, kode="4", nama="Badan D", jenis=JenisOPD.BADAN),
}
SD = {10: SumberDana(pk=10, kode="DAU", nama="DAU"),
      11: SumberDana(pk=11, kode="DAK_FISIK", nama="DAK Fisik")}
JB = {20: JenisBelanja(pk=20, kode="5.1.02", nama="Barang dan Jasa", kelompok="operasi"),
      21: JenisBelanja(pk=21, kode="5.2.03", nama="Gedung", kelompok="modal"),
      22: JenisBelanja(pk=22, kode="5.2.04", nama="Jalan", kelompok="modal")}


def _b(opd, sd, jb, pagu, target, realisasi, sub=1):
    return Baris(opd=opd, sub_kegiatan=sub, sumber_dana=sd, jenis_belanja=jb,
                 pagu=D(pagu), target=D(target), realisasi=D(realisasi))


BARIS = [
    _b(1, 10, 20, 1000, 800, 700),
    _b(1, 11, 21, 5000, 4000, 1000, sub=2),
    _b(2, 10, 20, 300, 200, 190),
    _b(3, 11, 22, 700, 600, 300),
    _b(4, 10, 20, 100, 100, 99),
]


def _hasil(baris=BARIS):
    data = DataRekap(2025, 11, None, baris, opd=OPD, sumber_dana=SD, jenis_belanja=JB)
    return HasilRekap(data, rekap(2025, 11, baris, semua_opd=list(OPD)))


def test_dak_fisik_sums_only_the_lines_funded_by_dak_fisik():
    a = dak_fisik(_hasil())
    assert (a.pagu, a.target_anggaran_kas, a.realisasi) == (D(5700), D(4600), D(1300))
    assert a == hitung_angka(BARIS[1].jumlah + BARIS[3].jumlah)


def test_dak_fisik_is_none_without_dak_fisik_lines():
    assert dak_fisik(_hasil([b for b in BARIS if b.sumber_dana != 11])) is None


def test_belanja_is_grouped_by_kelompok_of_its_jenis_in_the_usual_order():
    hasil = per_kelompok_belanja(_hasil())
    assert [nama for nama, _ in hasil] == ["Belanja Operasi", "Belanja Modal"]
    operasi, modal = (a for _, a in hasil)
    assert (operasi.pagu, operasi.realisasi) == (D(1400), D(989))
    assert (modal.pagu, modal.target_anggaran_kas) == (D(5700), D(4600))


def test_angka_menurut_leaves_out_lines_not_in_the_mapping():
    hasil = angka_menurut(BARIS, {21: "x"})
    assert list(hasil) == ["x"] and hasil["x"].pagu == D(5000)


def test_kecamatan_are_ranked_among_themselves():
    daftar = kecamatan(_hasil())
    assert [(k.kunci, k.peringkat) for k in daftar] == [(2, 1), (3, 2)]


def test_best_and_worst_three_do_not_overlap_and_worst_starts_lowest():
    terbaik, terburuk = terbaik_terburuk(_hasil(), 3)
    # capaian: D 99%, B 95%, A 35.6%, C 50%
    assert [k.kunci for k in terbaik] == [4, 2, 3]
    assert [k.kunci for k in terburuk] == [1]
    terbaik, terburuk = terbaik_terburuk(_hasil(), 2)
    assert [k.kunci for k in terbaik] == [4, 2]
    assert [k.kunci for k in terburuk] == [1, 3]


# --- on the dashboard --------------------------------------------------------------------------

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402

from budget import testing as t  # noqa: E402
from lib.rupiah import persen, rupiah  # noqa: E402


@pytest.mark.django_db
def test_the_dashboard_shows_dak_fisik_kelompok_belanja_and_the_kecamatan(client, pimpinan):
    dinas = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    kec_a = t.opd("7.01.0.00.0.00.01.0000", "Kecamatan Sukau", jenis=JenisOPD.KECAMATAN)
    kec_b = t.opd("7.01.0.00.0.00.02.0000", "Kecamatan Suoh", jenis=JenisOPD.KECAMATAN)
    t.jenis_belanja("5.2.03", "Belanja Modal Gedung", kelompok=KelompokBelanja.MODAL)
    t.rincian(o=dinas, sd="DAK_FISIK", jb="5.2.03", pagu=1200, realisasi={1: 50})
    t.rincian(o=dinas, pagu=600, realisasi={1: 50})
    t.rincian(o=kec_a, sub="7.01.01.2.01.0001", pagu=1200, realisasi={1: 90})
    t.rincian(o=kec_b, sub="7.01.01.2.01.0001", pagu=1200, realisasi={1: 10})
    client.force_login(pimpinan)
    html = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 1}).content.decode()
    dak = html[html.index('id="dak-belanja"'):html.index('id="peringkat-opd"')]
    assert rupiah(D(1200)) in dak and rupiah(D(50)) in dak
    assert persen(D(50) * 100 / 100) in dak  # capaian: 50 of a 100 target
    assert "Belanja Operasi" in dak and "Belanja Modal" in dak
    kec = html[html.index('id="kecamatan"'):html.index('id="sebaran"')]
    assert kec.index("Kecamatan Sukau") < kec.index("Kecamatan Suoh")
    assert "Dinas Kesehatan" not in kec
