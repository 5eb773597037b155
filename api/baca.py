"""Read endpoints: the rekap, the OPD, their budget lines and their realisasi."""

from __future__ import annotations

from decimal import Decimal

from ninja import Query, Router

from accounts.akses import opd_atau_404, opd_terlihat
from budget.models import BULAN_AK, PaguAnggaran, VersiAnggaran
from evaluation.queries import hitung_rekap
from evaluation.serializers import rekap_dict
from lib.periode import akhir_bulan
from lib.rupiah import desimal
from reporting.isi import muat_isi
from reporting.models import LaporanBulanan, StatusLaporan

from . import schemas as s
from .tahun import tahun_atau_404

router = Router(tags=["baca"])

NOL = Decimal(0)
LIMIT_MAKS = 1000

Tahun = Query(..., ge=2000, le=2100, description="Tahun anggaran, mis. 2025.")
Bulan = Query(..., ge=1, le=12, description="Bulan batas (1–12).")
Limit = Query(LIMIT_MAKS, ge=1, le=LIMIT_MAKS)
Offset = Query(0, ge=0, le=10**9)
GALAT = {401: s.Galat, 404: s.Galat, 422: s.Ditolak}


@router.get("/rekap", response={200: s.Rekap, **GALAT}, operation_id="rekap",
            summary="Rekap realisasi (angka Rakor POP)")
def rekap(request, tahun: int = Tahun, bulan: int = Bulan):
    """Sama persis dengan `siap rekap --format json`. Verifikator, pimpinan dan admin menerima
    seluruh OPD; operator menerima total pemda dan hanya baris OPD-nya sendiri (dengan
    peringkatnya), sama seperti dasbor."""
    tahun_atau_404(tahun)
    data = rekap_dict(hitung_rekap(tahun, bulan))
    if not request.user.lihat_semua_opd:
        kode = set(opd_terlihat(request.user).values_list("kode", flat=True))
        data["opd"] = [o for o in data["opd"] if o["kode"] in kode]
    return data


@router.get("/opd", response={200: list[s.OPD], 401: s.Galat}, operation_id="daftar_opd",
            summary="Perangkat daerah yang terlihat oleh pengguna")
def daftar_opd(request):
    """Operator: OPD-nya sendiri saja. Lainnya: seluruh OPD (sekitar 50, tidak dipaginasi)."""
    return [
        {"kode": o.kode, "nama": o.nama, "singkatan": o.singkatan, "jenis": o.jenis,
         "induk": o.induk.kode if o.induk else None, "aktif": o.aktif}
        for o in opd_terlihat(request.user).select_related("induk").order_by("kode")
    ]


@router.get("/opd/{kode}/rincian", response={200: s.HalamanRincian, **GALAT},
            operation_id="rincian_opd", summary="Rincian anggaran (pagu dan anggaran kas) OPD")
def rincian_opd(request, kode: str, tahun: int = Tahun,
                bulan: int = Query(12, ge=1, le=12, description="Versi yang berlaku pada akhir "
                                   "bulan ini (bawaan: Desember)."),
                limit: int = Limit, offset: int = Offset):
    """Pagu dan anggaran kas tiap rincian dalam versi anggaran yang berlaku pada akhir `bulan`,
    urut kode sub kegiatan, dipaginasi dengan `limit`/`offset`."""
    opd = opd_atau_404(request.user, kode=kode)
    tahun_atau_404(tahun)
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    qs = PaguAnggaran.objects.none()
    if versi is not None:
        qs = (PaguAnggaran.objects.filter(versi=versi, rincian__opd=opd)
              .select_related("rincian__sub_kegiatan", "rincian__sumber_dana",
                              "rincian__jenis_belanja")
              .order_by("rincian__sub_kegiatan__kode", "rincian__sumber_dana__urutan",
                        "rincian__jenis_belanja__kode", "pk"))
    return {
        "tahun": tahun,
        "versi": versi.nama if versi else None,
        "jumlah": qs.count() if versi else 0,
        "limit": limit,
        "offset": offset,
        "items": [
            {"rincian_id": p.rincian_id, "sub_kegiatan": p.rincian.sub_kegiatan.kode,
             "sub_kegiatan_nama": p.rincian.sub_kegiatan.nama,
             "sumber_dana": p.rincian.sumber_dana.kode,
             "jenis_belanja": p.rincian.jenis_belanja.kode, "pagu": desimal(p.pagu),
             "anggaran_kas": [desimal(getattr(p, f)) for f in BULAN_AK]}
            for p in (qs[offset:offset + limit] if versi else [])
        ],
    }


@router.get("/opd/{kode}/realisasi", response={200: s.LaporanRealisasi, **GALAT},
            operation_id="realisasi_opd", summary="Realisasi keuangan per rincian dan fisik per sub "
                                                  "kegiatan satu bulan")
def realisasi_opd(request, kode: str, tahun: int = Tahun, bulan: int = Bulan,
                  limit: int = Limit, offset: int = Offset):
    """Isi laporan bulanan OPD: realisasi bulan ini dan kumulatif tiap rincian (dipaginasi), fisik
    tiap sub kegiatan, serta status dan `revisi` laporan untuk penyimpanan."""
    opd = opd_atau_404(request.user, kode=kode)
    ta = tahun_atau_404(tahun)
    lap = (LaporanBulanan.objects.filter(tahun=ta, opd=opd, bulan=bulan).first()
           or LaporanBulanan(tahun=ta, opd=opd, bulan=bulan))  # read-only: nothing is created
    isi = muat_isi(lap)
    baris = [
        {"rincian_id": b.rincian_id, "sub_kegiatan": sub.kode, "sumber_dana": b.sumber_dana,
         "jenis_belanja": b.jenis_belanja, "pagu": desimal(b.pagu),
         "anggaran_kas_kumulatif": desimal(b.ak_kumulatif),
         "realisasi": desimal(b.realisasi), "realisasi_kumulatif": desimal(b.kumulatif),
         "draf": b.draf}
        for sub in isi.sub for b in sub.baris
    ]
    return {
        "tahun": tahun, "bulan": bulan, "opd": opd.kode,
        "status": lap.status or StatusLaporan.DRAFT, "revisi": lap.revisi or 0,
        "jumlah": len(baris), "limit": limit, "offset": offset,
        "baris": baris[offset:offset + limit],
        "fisik": [
            {"sub_kegiatan_id": sub.sub_kegiatan_id, "sub_kegiatan": sub.kode, "nama": sub.nama,
             "fisik": desimal(sub.fisik), "target_fisik": desimal(sub.target_fisik),
             "draf": sub.fisik_draf}
            for sub in isi.sub
        ],
    }
