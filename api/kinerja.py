"""The API's read endpoint for indikator kinerja: one OPD's indicators of a year with their
targets, each quarter's realisasi and the capaian so far — scoped as every endpoint
(``accounts.akses``: another OPD's operator gets 404). Registered in ``api.api`` by one line."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from accounts.akses import opd_atau_404
from kinerja.evaluasi import nilai_k, realisasi_indikator
from kinerja.susunan import indikator_opd
from lib.rupiah import desimal

from .schemas import Ditolak, Galat
from .tahun import tahun_atau_404

router = Router(tags=["kinerja"])
NILAI = "Nilai sebagai string desimal dengan titik dan dua angka di belakangnya (null: belum ada)."


class Indikator(Schema):
    tingkat: str = Field(description="program, kegiatan atau sub_kegiatan")
    kode: str = Field(description="Kode program, kegiatan atau sub kegiatan.")
    nomor: int
    uraian: str
    satuan: str
    akumulasi: str = Field(description="jumlah (TW dijumlahkan) atau terakhir (nilai TW terakhir)")
    arah: str = Field(description="naik atau turun (makin rendah makin baik)")
    target: str = Field(description=NILAI)
    target_triwulan: list[str | None] = Field(description="Target TW I–IV. " + NILAI)
    realisasi_triwulan: list[str | None] = Field(description="Realisasi TW I–IV. " + NILAI)
    realisasi_tahun: str | None = Field(description=NILAI)
    capaian: str | None = Field(description="Tingkat capaian (%) terhadap target tahun ini.")
    predikat: str | None


class DaftarIndikator(Schema):
    tahun: int
    opd: str
    indikator: list[Indikator]


@router.get("/opd/{kode}/indikator", response={200: DaftarIndikator, 401: Galat, 404: Galat, 422: Ditolak},
            operation_id="indikator_opd", summary="Indikator kinerja OPD dan realisasinya")
def indikator(request, kode: str,
              tahun: int = Query(..., ge=2000, le=2100, description="Tahun anggaran, mis. 2025.")):
    """Indikator program, kegiatan dan sub kegiatan OPD pada satu tahun: target tahunan dan
    per triwulan, realisasi tiap triwulan yang sudah diisi, realisasi tahun ini dan
    capaiannya (seperti formulir E.81 s.d. TW IV)."""
    opd = opd_atau_404(request.user, kode=kode)
    tahun_atau_404(tahun)
    daftar = list(indikator_opd(tahun, opd.pk))
    realisasi = realisasi_indikator(daftar)
    hasil = []
    for i in sorted(daftar, key=lambda i: (i.nomenklatur.kode, i.nomor)):
        k = nilai_k(i, realisasi[i.pk], 4)
        hasil.append({
            "tingkat": i.tingkat, "kode": i.nomenklatur.kode, "nomor": i.nomor,
            "uraian": i.uraian, "satuan": i.satuan, "akumulasi": i.akumulasi, "arah": i.arah,
            "target": desimal(i.target),
            "target_triwulan": [desimal(t) for t in i.target_triwulan],
            "realisasi_triwulan": [desimal(v) for v in k.tw],
            "realisasi_tahun": desimal(k.tahun_ini), "capaian": desimal(k.capaian),
            "predikat": k.predikat.label if k.predikat else None,
        })
    return {"tahun": tahun, "opd": opd.kode, "indikator": hasil}
