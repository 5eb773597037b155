"""The audit trail of a monthly report: every recorded change of its values — the operator's
draft values and the official realisasi keuangan per line and realisasi fisik per sub
kegiatan, the OPD's permasalahan — with who, when, the old and the new value, read from
django-simple-history in five queries; and who last changed given inputs (for a conflict)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator

from budget.models import RealisasiFisik, RealisasiKeuangan
from lib.periode import nama_bulan, tanggal_panjang
from lib.rupiah import KOSONG, persen, rupiah

from .gabung import FISIK, REALISASI, Kunci
from .models import (
    IsianFisik,
    IsianRealisasi,
    KategoriPermasalahan,
    LaporanBulanan,
    Permasalahan,
    RiwayatLaporan,
    StatusPermasalahan,
)


@dataclass
class Jejak:
    """One change in the audit trail: who changed what from which value to which."""

    pada: datetime.datetime
    oleh: object
    objek: str
    kolom: str
    lama: str
    baru: str
    angka: bool = False  # a figure (aligned, never wrapped) rather than text


def _nilai(h, kolom: str, fmt) -> str:
    if h is None or h.history_type == "-":
        return KOSONG
    return fmt(getattr(h, kolom))


def _jejak_nilai(rows, label, kolom: str, nama_kolom: str, fmt) -> list[Jejak]:
    """Rows of one historical model ordered by object then time: each row against the
    object's previous row, in memory (no query per row)."""
    hasil, sebelumnya = [], {}
    for h in rows:
        lama = sebelumnya.get(h.id)
        sebelumnya[h.id] = h
        baru = "dihapus" if h.history_type == "-" else _nilai(h, kolom, fmt)
        if lama is not None and _nilai(lama, kolom, fmt) == baru:
            continue
        hasil.append(Jejak(h.history_date, h.history_user, label(h), nama_kolom,
                           _nilai(lama, kolom, fmt), baru, angka=True))
    return hasil


KOLOM_PERMASALAHAN = (
    ("kategori", "Kategori", lambda v: KategoriPermasalahan(v).label),
    ("uraian", "Uraian", str),
    ("tindak_lanjut", "Tindak lanjut", str),
    ("penanggung_jawab", "Penanggung jawab", str),
    ("target_selesai", "Target selesai", tanggal_panjang),
    ("status", "Status", lambda v: StatusPermasalahan(v).label),
    ("bulan_selesai", "Selesai bulan", nama_bulan),
)


def _tampil(v, fmt) -> str:
    return KOSONG if v in (None, "") else fmt(v)


def _jejak_permasalahan(rows, bulan: int) -> list[Jejak]:
    rantai: dict[int, list] = {}
    for h in rows:
        rantai.setdefault(h.id, []).append(h)
    hasil = []
    for versi in rantai.values():
        akhir = versi[-1]
        # Obstacles closed before this month are not part of this report.
        if akhir.history_type != "-" and akhir.status == StatusPermasalahan.SELESAI \
                and akhir.bulan_selesai < bulan:
            continue
        for lama, h in zip([None, *versi], versi, strict=False):
            objek = f"Permasalahan {h.sub_kegiatan.kode}: {Truncator(h.uraian).chars(70)}"
            if h.history_type == "-":
                hasil.append(Jejak(h.history_date, h.history_user, objek, "Permasalahan",
                                   "tercatat", "dihapus"))
            elif lama is None:
                hasil.append(Jejak(h.history_date, h.history_user, objek, "Dicatat", KOSONG,
                                   f"{KategoriPermasalahan(h.kategori).label}: {h.uraian}"))
            else:
                hasil += [
                    Jejak(h.history_date, h.history_user, objek, nama,
                          _tampil(getattr(lama, kolom), fmt), _tampil(getattr(h, kolom), fmt))
                    for kolom, nama, fmt in KOLOM_PERMASALAHAN
                    if getattr(lama, kolom) != getattr(h, kolom)
                ]
    return hasil


def jejak_audit(lap: LaporanBulanan) -> list[Jejak]:
    """Every recorded change of this report's values, newest first — five queries."""
    keuangan = (RealisasiKeuangan.history
                .filter(rincian__opd_id=lap.opd_id, rincian__tahun_id=lap.tahun_id,
                        bulan=lap.bulan)
                .select_related("history_user", "rincian__sub_kegiatan", "rincian__sumber_dana",
                                "rincian__jenis_belanja")
                .order_by("id", "history_date", "history_id"))
    fisik = (RealisasiFisik.history
             .filter(opd_id=lap.opd_id, tahun_id=lap.tahun_id, bulan=lap.bulan)
             .select_related("history_user", "sub_kegiatan")
             .order_by("id", "history_date", "history_id"))
    masalah = (Permasalahan.history
               .filter(opd_id=lap.opd_id, tahun_id=lap.tahun_id, bulan__lte=lap.bulan)
               .select_related("history_user", "sub_kegiatan")
               .order_by("id", "history_date", "history_id"))

    draf_r = (IsianRealisasi.history.filter(laporan_id=lap.pk)
              .select_related("history_user", "rincian__sub_kegiatan", "rincian__sumber_dana",
                              "rincian__jenis_belanja")
              .order_by("id", "history_date", "history_id"))
    draf_f = (IsianFisik.history.filter(laporan_id=lap.pk)
              .select_related("history_user", "sub_kegiatan")
              .order_by("id", "history_date", "history_id"))

    def label_rincian(h):
        r = h.rincian
        return (f"{r.sub_kegiatan.kode} {r.sub_kegiatan.nama} · {r.sumber_dana.kode} · "
                f"{r.jenis_belanja.kode}")

    hasil = (
        _jejak_nilai(keuangan, label_rincian, "jumlah", "Realisasi keuangan", rupiah)
        + _jejak_nilai(fisik, lambda h: f"{h.sub_kegiatan.kode} {h.sub_kegiatan.nama}",
                       "persen", "Realisasi fisik", persen)
        + _jejak_nilai(draf_r, label_rincian, "jumlah", "Isian realisasi (draf)", rupiah)
        + _jejak_nilai(draf_f, lambda h: f"{h.sub_kegiatan.kode} {h.sub_kegiatan.nama}",
                       "persen", "Isian fisik (draf)", persen)
        + _jejak_permasalahan(masalah, lap.bulan)
    )
    return sorted(hasil, key=lambda j: j.pada, reverse=True)


@dataclass(frozen=True)
class Pengubah:
    """Who made a change, and when (``oleh`` None: no user — an import or restore by command)."""

    oleh: object
    pada: datetime.datetime

    def teks(self, saya) -> str:
        """"Siti (operator.pupr) pada 06-12-2026 10.15", or "Anda sendiri …" for ``saya``."""
        waktu = timezone.localtime(self.pada).strftime("%d-%m-%Y %H.%M")
        if self.oleh is None:
            return f"SIAP (impor atau pemulihan data) pada {waktu}"
        if saya is not None and self.oleh.pk == saya.pk:
            return f"Anda sendiri (di tab atau perangkat lain) pada {waktu}"
        nama = self.oleh.get_full_name().strip()
        siapa = f"{nama} ({self.oleh.username})" if nama else self.oleh.username
        return f"{siapa} pada {waktu}"


def _lebih_baru(hasil: dict, kunci, h) -> None:
    if kunci not in hasil or h.history_date >= hasil[kunci].pada:
        hasil[kunci] = Pengubah(h.history_user, h.history_date)


def pengubah_terakhir(lap: LaporanBulanan, kunci: list[Kunci]) -> dict[Kunci, Pengubah]:
    """Who last changed each of these inputs (draft or official value), from the audit
    trail: at most four queries, whatever the number of inputs."""
    hasil: dict[Kunci, Pengubah] = {}
    rid = [k[1] for k in kunci if k[0] == REALISASI]
    sid = [k[1] for k in kunci if k[0] == FISIK]
    if rid:
        for qs in (IsianRealisasi.history.filter(laporan_id=lap.pk, rincian_id__in=rid),
                   RealisasiKeuangan.history.filter(rincian_id__in=rid, bulan=lap.bulan)):
            for h in qs.select_related("history_user").order_by("history_date", "history_id"):
                _lebih_baru(hasil, (REALISASI, h.rincian_id), h)
    if sid:
        for qs in (IsianFisik.history.filter(laporan_id=lap.pk, sub_kegiatan_id__in=sid),
                   RealisasiFisik.history.filter(tahun_id=lap.tahun_id, opd_id=lap.opd_id,
                                                 bulan=lap.bulan, sub_kegiatan_id__in=sid)):
            for h in qs.select_related("history_user").order_by("history_date", "history_id"):
                _lebih_baru(hasil, (FISIK, h.sub_kegiatan_id), h)
    return hasil


def pengubah_laporan(lap: LaporanBulanan) -> Pengubah | None:
    """The latest change of the report: a draft value or a workflow step — three queries."""
    calon = []
    for qs in (IsianRealisasi.history.filter(laporan_id=lap.pk),
               IsianFisik.history.filter(laporan_id=lap.pk)):
        h = qs.select_related("history_user").order_by("-history_date", "-history_id").first()
        if h is not None:
            calon.append(Pengubah(h.history_user, h.history_date))
    r = RiwayatLaporan.objects.filter(laporan=lap).select_related("oleh").order_by(
        "-pada", "-pk").first()
    if r is not None:
        calon.append(Pengubah(r.oleh, r.pada))
    return max(calon, key=lambda p: p.pada, default=None)
