"""The audit trail of a monthly report: every recorded change of its values — realisasi
keuangan per line, realisasi fisik per sub kegiatan, the OPD's permasalahan — with who, when,
the old and the new value, read from django-simple-history in three queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.text import Truncator

from budget.models import RealisasiFisik, RealisasiKeuangan
from lib.periode import nama_bulan, tanggal_panjang
from lib.rupiah import KOSONG, persen, rupiah

from .models import KategoriPermasalahan, LaporanBulanan, Permasalahan, StatusPermasalahan


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
    """Every recorded change of this report's values, newest first — three queries."""
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

    def label_rincian(h):
        r = h.rincian
        return (f"{r.sub_kegiatan.kode} {r.sub_kegiatan.nama} · {r.sumber_dana.kode} · "
                f"{r.jenis_belanja.kode}")

    hasil = (
        _jejak_nilai(keuangan, label_rincian, "jumlah", "Realisasi keuangan", rupiah)
        + _jejak_nilai(fisik, lambda h: f"{h.sub_kegiatan.kode} {h.sub_kegiatan.nama}",
                       "persen", "Realisasi fisik", persen)
        + _jejak_permasalahan(masalah, lap.bulan)
    )
    return sorted(hasil, key=lambda j: j.pada, reverse=True)
