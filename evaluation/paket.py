"""The Rakor POP meeting pack: everything the PDF, the spreadsheet and the CSV show, gathered
once from the modules that compute it (``queries``, ``figures``, ``ringkasan``, ``narasi``,
``rincian``, ``grafik``, ``permasalahan``, ``indeks_data`` and ``proyeksi_data``). The
exports only lay out a ``PaketRakor``; none of them computes a figure, so they cannot diverge
from each other or from the pages. The rekap of the cut-off is computed once and handed to the
index and the projection.

Constant number of queries whatever the number of OPD or lines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from budget.models import Pemda
from lib.figures import Angka
from lib.periode import NAMA_BULAN, TRIWULAN_ROMAWI, akhir_bulan, cek_bulan, tanggal_panjang

from .baris import BarisKelompok, BarisOPD, baris_kelompok, baris_sebaran, label_opd
from .cakupan import Cakupan
from .cakupan_data import ambil_cakupan
from .grafik import grafik_kurva
from .indeks_data import HasilIndeks, hitung_indeks
from .kurva import seri_kurva
from .narasi import bahan_rakor
from .permasalahan import per_kategori, permasalahan_terbuka
from .proyeksi_data import HasilProyeksi, hitung_proyeksi
from .queries import HasilRekap, hitung_rekap
from .ringkasan import (
    dak_fisik,
    kecamatan,
    per_kelompok_belanja,
    sebaran_fisik_rekap,
    terbaik_terburuk,
)
from .serializers import kalimat_ringkas

JUDUL_RAPAT = "Rapat Koordinasi Pengendalian Operasional Pembangunan (Rakor POP)"


@dataclass
class PaketRakor:
    tahun: int
    bulan: int
    batas: datetime.date
    batas_teks: str  # "30 November 2025"
    triwulan: str  # "TW IV"; a month that does not close a quarter is still within one
    pemda: Pemda | None
    hasil: HasilRekap
    kalimat_utama: str  # the headline with the kategori, as ``siap rekap`` prints it
    paragraf: list[str]  # the bahan Rakor, the same paragraphs as the page
    total: Angka
    opd: list[BarisOPD]  # every OPD, ranked
    sumber_dana: list[BarisKelompok]
    jenis_belanja: list[BarisKelompok]
    kelompok_belanja: list[BarisKelompok]
    kecamatan: list[BarisOPD]  # ranked among themselves
    sebaran: list[dict]  # label, jumlah, persen
    dak_fisik: Angka | None
    kurva: dict  # keuangan / fisik: SVG strings, the same pictures as the dashboard
    seri_kurva: object  # rincian.SeriKurva, for the table beside the picture
    permasalahan: list  # open at the cut-off, oldest first
    permasalahan_per_kategori: list[tuple[str, int]]
    indeks: HasilIndeks | None = None
    proyeksi: HasilProyeksi | None = None
    indeks_baris: list[dict] = field(default_factory=list)  # peringkat, nama, nilai, ... per OPD
    indeks_komponen: list[str] = field(default_factory=list)  # the components' names, in order
    indeks_reward: list[dict] = field(default_factory=list)  # rows of indeks_baris
    indeks_punishment: list[dict] = field(default_factory=list)
    tempat: str = ""  # where the Sekda signs (the pemda's ibu kota)
    tanggal_cetak: datetime.date | None = None
    penandatangan: dict = field(default_factory=dict)  # jabatan, nama, nip
    cakupan: Cakupan | None = None  # how many OPD the month's figures cover
    sebaran_fisik: list[dict] = field(default_factory=list)  # the four published fisik bands

    @property
    def nama_pemda(self) -> str:
        return self.pemda.nama if self.pemda else "Pemerintah Daerah"

    @property
    def versi(self):
        return self.hasil.data.versi

    @property
    def kurva_bulan(self) -> list[dict]:
        """The points of both Kurva S per month (the table beside the pictures)."""
        s = self.seri_kurva
        return [
            {"bulan": i + 1, "nama": NAMA_BULAN[i][:3], "target": s.persen_target[i],
             "realisasi": s.persen_realisasi[i], "target_fisik": s.target_fisik[i],
             "fisik": s.fisik[i]}
            for i in range(12)
        ]

    @property
    def sebaran_tabel(self) -> list[tuple[str, list[dict]]]:
        return [("persen realisasi", self.sebaran), ("realisasi fisik", self.sebaran_fisik)]

    @property
    def nama_opd(self) -> dict[int, str]:
        return {b.kunci: b.nama for b in self.opd}


def triwulan(bulan: int) -> str:
    return f"TW {TRIWULAN_ROMAWI[(bulan - 1) // 3]}"


def paragraf_bahan_rakor(hasil: HasilRekap, kategori: list[tuple[str, int]]) -> list[str]:
    """The Sekda's paragraphs, built exactly as the Bahan Rakor page builds them."""
    terbaik, terburuk = terbaik_terburuk(hasil, 3)
    return bahan_rakor(
        akhir_bulan(hasil.tahun, hasil.bulan),
        total=hasil.rekap.total,
        dak_fisik=dak_fisik(hasil),
        terbaik=[(label_opd(hasil.data, k.kunci)[1], k.angka) for k in terbaik],
        terburuk=[(label_opd(hasil.data, k.kunci)[1], k.angka) for k in terburuk],
        sebaran=hasil.rekap.sebaran,
        permasalahan=kategori,
        jumlah_permasalahan=sum(n for _, n in kategori),
    )


def _baris_indeks(indeks, nama_opd) -> list[dict]:
    return [
        {"opd_id": n.opd_id, "peringkat": n.peringkat, "nama": nama_opd(n.opd_id), "nilai": n.nilai,
         "kategori": n.kategori, "perubahan": n.perubahan, "komponen": n.komponen}
        for n in indeks.baris
    ]


def paket_rakor(tahun: int, bulan: int, *, hari_ini: datetime.date | None = None) -> PaketRakor:
    cek_bulan(bulan)
    hasil = hitung_rekap(tahun, bulan)
    data, r = hasil.data, hasil.rekap
    cakupan = ambil_cakupan(tahun, bulan)
    batas = akhir_bulan(tahun, bulan)
    batas_teks = tanggal_panjang(batas)

    qs = permasalahan_terbuka(tahun, bulan)
    kategori = per_kategori(qs)
    daftar_masalah = list(
        qs.select_related("opd", "sub_kegiatan").order_by("bulan", "opd__kode", "pk")
    )
    for m in daftar_masalah:
        m.sejak = f"{NAMA_BULAN[m.bulan - 1]} {tahun}"
        m.lama_bulan = bulan - m.bulan + 1

    seri = seri_kurva(tahun, bulan, versi=data.versi)
    pemda = Pemda.aktif()

    indeks = hitung_indeks(tahun, bulan, hasil_rekap=hasil)
    baris_indeks = _baris_indeks(indeks, lambda k: label_opd(data, k)[1])
    per_opd = {b["opd_id"]: b for b in baris_indeks}
    return PaketRakor(
        tahun=tahun,
        bulan=bulan,
        batas=batas,
        batas_teks=batas_teks,
        triwulan=triwulan(bulan),
        pemda=pemda,
        hasil=hasil,
        kalimat_utama=kalimat_ringkas(hasil),
        paragraf=paragraf_bahan_rakor(hasil, kategori),
        total=r.total,
        opd=[BarisOPD(k.peringkat, *label_opd(data, k.kunci), k.angka, k.kunci,
                      cakupan.untuk(k.kunci)) for k in r.opd],
        sumber_dana=baris_kelompok(r.sumber_dana, data.sumber_dana),
        jenis_belanja=baris_kelompok(r.jenis_belanja, data.jenis_belanja),
        kelompok_belanja=[BarisKelompok("", nama, a) for nama, a in per_kelompok_belanja(hasil)],
        kecamatan=[BarisOPD(k.peringkat, *label_opd(data, k.kunci), k.angka, k.kunci,
                            cakupan.untuk(k.kunci)) for k in kecamatan(hasil)],
        sebaran=baris_sebaran(r.sebaran),
        sebaran_fisik=baris_sebaran(sebaran_fisik_rekap(hasil)),
        dak_fisik=dak_fisik(hasil),
        kurva=grafik_kurva(seri, "pemda", batas_teks, "kurva-pemda"),
        seri_kurva=seri,
        permasalahan=daftar_masalah,
        permasalahan_per_kategori=kategori,
        indeks=indeks,
        indeks_baris=baris_indeks,
        indeks_komponen=[k.nama for k in indeks.baris[0].komponen] if indeks.baris else [],
        indeks_reward=[per_opd[n.opd_id] for n in indeks.reward],
        indeks_punishment=[per_opd[n.opd_id] for n in indeks.punishment],
        proyeksi=hitung_proyeksi(tahun, bulan, hasil_rekap=hasil),
        tempat=(pemda.ibu_kota if pemda else "") or "",
        tanggal_cetak=hari_ini or timezone.localdate(),
        penandatangan={
            "jabatan": "Sekretaris Daerah",
            "nama": getattr(settings, "SIAP_SEKDA_NAMA", ""),
            "nip": getattr(settings, "SIAP_SEKDA_NIP", ""),
        },
        cakupan=cakupan,
    )
