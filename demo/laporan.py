"""Monthly reports and permasalahan for the demo, over the budget data already loaded.

Deterministic: the day the demo stands on, and a ``random.Random`` seeded by year, OPD and
month. Every month whose deadline has passed is reported — most verified, some late, a few
returned — except a few OPD still outstanding in the last month due (``demo.jadwal``
says who submits when); the month after it is open for the operators to fill.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, F
from django.utils import timezone

from budget.models import (
    BULAN_AK,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    TahunAnggaran,
)
from budget.sen import SumSen
from demo.jadwal import (
    bulan_dilaporkan,
    bulan_jatuh_tempo,
    jatuh_tempo_terakhir,
    sekarang_demo,
    waktu_ajukan,
)
from demo.rencana import rencana_tahun
from lib.rupiah import desimal
from reporting.models import (
    KategoriPermasalahan,
    LaporanBulanan,
    Permasalahan,
    RiwayatLaporan,
    SnapshotLaporan,
    StatusLaporan,
    StatusPermasalahan,
)

K = KategoriPermasalahan
NOL = Decimal(0)

# (kategori, uraian, tindak lanjut, penanggung jawab) — as OPD write them in the Rakor POP.
PERMASALAHAN = [
    (K.PENGADAAN, "Tender pekerjaan gagal karena tidak ada penawaran yang memenuhi syarat "
                  "teknis; harus dilakukan tender ulang.",
     "Koordinasi dengan UKPBJ untuk percepatan tender ulang dan penyederhanaan persyaratan "
     "kualifikasi.", "PPTK dan Pokja UKPBJ"),
    (K.PENGADAAN, "Proses e-purchasing tertunda karena produk belum tayang di katalog elektronik.",
     "Mengajukan penayangan produk penyedia lokal ke LKPP dan menyiapkan pengadaan langsung "
     "sebagai alternatif.", "Pejabat Pengadaan"),
    (K.REGULASI, "Petunjuk teknis DAK Fisik dari kementerian teknis terlambat terbit sehingga "
                 "dokumen kontrak belum dapat ditandatangani.",
     "Konsultasi dengan kementerian teknis melalui aplikasi KRISNA dan menyiapkan dokumen "
     "lelang lebih awal.", "Kepala Bidang"),
    (K.LAHAN, "Lahan lokasi pembangunan belum bebas; sebagian pemilik belum menyetujui nilai "
              "ganti rugi.",
     "Musyawarah dengan pemilik lahan difasilitasi camat dan peratin; usulan relokasi titik "
     "pekerjaan.", "Sekretaris Dinas"),
    (K.CUACA, "Curah hujan tinggi dan longsor di ruas jalan menyebabkan mobilisasi material "
              "terhambat.",
     "Penambahan jam kerja saat cuaca baik dan penyesuaian jadwal pelaksanaan dengan "
     "penyedia.", "PPK"),
    (K.PENYEDIA, "Penyedia terlambat memobilisasi peralatan; progres fisik tertinggal dari "
                 "jadwal kontrak.",
     "Rapat pembuktian (show cause meeting) tahap I dan teguran tertulis kepada penyedia.",
     "PPK"),
    (K.DANA_TRANSFER, "Dana transfer DAK Fisik tahap II belum disalurkan karena syarat "
                      "penyaluran (laporan realisasi tahap I) masih diverifikasi.",
     "Melengkapi laporan realisasi tahap I melalui OM-SPAN dan berkoordinasi dengan BPKAD.",
     "Kasubag Keuangan"),
    (K.ADMINISTRASI, "SPJ kegiatan bulan sebelumnya belum lengkap sehingga SP2D belum dapat "
                     "diterbitkan.",
     "Pendampingan penyusunan SPJ oleh bendahara dan verifikasi bersama BPKAD.",
     "Bendahara Pengeluaran"),
    (K.SDM, "PPTK merangkap beberapa kegiatan dan pejabat pengadaan belum bersertifikat.",
     "Penunjukan PPTK tambahan dan pengusulan diklat sertifikasi pengadaan ke BKPSDM.",
     "Sekretaris Dinas"),
]

CATATAN_PENGEMBALIAN = [
    "Realisasi belanja modal tidak sesuai SP2D yang diterbitkan BPKAD; mohon dicocokkan.",
    "Realisasi fisik beberapa sub kegiatan jauh di atas keuangan tanpa penjelasan.",
    "Permasalahan sub kegiatan DAK Fisik belum diisi padahal capaian sangat rendah.",
]


def _waktu(tanggal: datetime.date, jam: int) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(jam, 15),
                                     tzinfo=timezone.get_default_timezone())


def _pengguna():
    User = get_user_model()
    verifikator = User.objects.filter(peran="verifikator").order_by("pk").first()
    operator = {}
    for u in User.objects.filter(peran="operator").prefetch_related("opd"):
        for o in u.opd.all():
            operator.setdefault(o.pk, u)
    return verifikator, operator


def muat_laporan_demo(hari_ini: datetime.date | None = None) -> dict[str, int]:
    """Create the demo's reports and permasalahan as they stand on ``hari_ini`` (default:
    today in Asia/Jakarta) — the same day the budget demo was loaded for, so every submitted
    report has its realisasi and fisik and no other OPD-month has any. Returns counts for the
    command's output."""
    sekarang = sekarang_demo(hari_ini or timezone.localdate())
    terakhir_tempo = jatuh_tempo_terakhir(sekarang)
    verifikator, operator = _pengguna()
    if verifikator is None:
        raise RuntimeError("Akun verifikator demo belum dibuat.")
    laporan, riwayat, masalah = [], [], []
    for ta in TahunAnggaran.objects.order_by("tahun"):
        susulan = not rencana_tahun(ta.tahun).seed
        jatuh_tempo = bulan_jatuh_tempo(ta.tahun, sekarang)
        opd = list(PerangkatDaerah.objects.filter(rincian__tahun=ta).distinct().order_by("kode"))
        kode = [o.kode for o in opd]
        dilaporkan = bulan_dilaporkan(ta.tahun, kode, sekarang, susulan)
        for bulan in range(1, jatuh_tempo + 1):
            waktu = waktu_ajukan(ta.tahun, bulan, kode, susulan)
            for o in opd:
                if bulan > dilaporkan[o.kode]:
                    continue  # not in yet: no report, and no figures (``demo.jadwal``)
                lap, langkah = _laporan(ta, o, bulan, waktu[o.kode], sekarang,
                                        (ta.tahun, bulan) == terakhir_tempo, verifikator,
                                        operator.get(o.pk, verifikator))
                laporan.append(lap)
                riwayat.append(langkah)
        masalah += _permasalahan(ta, jatuh_tempo, {o.pk: dilaporkan[o.kode] for o in opd})
    LaporanBulanan.objects.bulk_create(laporan)
    RiwayatLaporan.objects.bulk_create(
        [RiwayatLaporan(laporan=lap, **r) for lap, langkah in zip(laporan, riwayat, strict=True)
         for r in langkah]
    )
    Permasalahan.objects.bulk_create(masalah)
    SnapshotLaporan.objects.bulk_create(_snapshot(laporan, riwayat), batch_size=500)
    return {"laporan": len(laporan), "permasalahan": len(masalah)}


def _snapshot(laporan: list[LaporanBulanan], riwayat: list[list[dict]]) -> list[SnapshotLaporan]:
    """What each demo report carried when it was submitted, in the shape of
    ``services.snapshot_data``, built from the demo's rows in a few queries per year."""
    hasil = []
    per_tahun: dict[int, list] = {}
    for lap, langkah in zip(laporan, riwayat, strict=True):
        per_tahun.setdefault(lap.tahun_id, []).append((lap, langkah[0]))
    for tahun_id, daftar in per_tahun.items():
        baris: dict[int, list] = {}
        for rid, opd_id, sk, sk_nama, sd, jb in RincianAnggaran.objects.filter(
            tahun_id=tahun_id
        ).values_list("id", "opd_id", "sub_kegiatan__kode", "sub_kegiatan__nama",
                      "sumber_dana__kode", "jenis_belanja__kode").order_by(
            "sub_kegiatan__kode", "sumber_dana__kode", "jenis_belanja__kode"
        ):
            baris.setdefault(opd_id, []).append((rid, f"{sk} {sk_nama} · {sd} · {jb}"))
        jumlah = dict(
            ((rid, b), j) for rid, b, j in RealisasiKeuangan.objects.filter(
                rincian__tahun_id=tahun_id).values_list("rincian_id", "bulan", "jumlah")
        )
        fisik: dict[int, dict] = {}
        for opd_id, sid, kode, nama, b, persen in RealisasiFisik.objects.filter(
            tahun_id=tahun_id
        ).values_list("opd_id", "sub_kegiatan_id", "sub_kegiatan__kode", "sub_kegiatan__nama",
                      "bulan", "persen"):
            fisik.setdefault((opd_id, b), {})[str(sid)] = {
                "label": f"{kode} {nama}", "fisik": desimal(persen)}
        for lap, ajuan in daftar:
            data_baris = {}
            for rid, label in baris.get(lap.opd_id, []):
                bulan_ini = jumlah.get((rid, lap.bulan), NOL)
                kumulatif = sum((jumlah.get((rid, b), NOL) for b in range(1, lap.bulan + 1)), NOL)
                data_baris[str(rid)] = {"label": label, "realisasi": desimal(bulan_ini),
                                        "kumulatif": desimal(kumulatif)}
            hasil.append(SnapshotLaporan(
                laporan=lap, nomor=1, dibuat_pada=ajuan["pada"], oleh=ajuan["oleh"],
                data={"baris": data_baris, "fisik": fisik.get((lap.opd_id, lap.bulan), {}),
                      "permasalahan": []},
            ))
    return hasil


def _laporan(ta, o, bulan, pada_ajukan, sekarang, terakhir_tempo, verifikator, operator):
    """A submitted report: verified a few days later, unless the verifier has not got to it
    yet (half of the last month due) or returned it (it keeps what was submitted)."""
    rng = random.Random(f"status-{ta.tahun}-{o.kode}-{bulan}")
    nasib = rng.random()
    lap = LaporanBulanan(tahun=ta, opd=o, bulan=bulan, pertama_diajukan_pada=pada_ajukan,
                         diajukan_pada=pada_ajukan, revisi=2)
    langkah = [dict(dari=StatusLaporan.DRAFT, ke=StatusLaporan.DIAJUKAN, oleh=operator,
                    pada=pada_ajukan, catatan="")]
    pada_verif = pada_ajukan + datetime.timedelta(days=rng.randint(1, 6), hours=2)
    if terakhir_tempo and nasib < 0.5 or pada_verif > sekarang:
        lap.status = StatusLaporan.DIAJUKAN  # waiting for the verifier
    elif nasib > 0.95:
        catatan = rng.choice(CATATAN_PENGEMBALIAN)
        lap.status = StatusLaporan.DIKEMBALIKAN
        lap.catatan_verifikator = catatan
        langkah.append(dict(dari=StatusLaporan.DIAJUKAN, ke=StatusLaporan.DIKEMBALIKAN,
                            oleh=verifikator, pada=pada_verif, catatan=catatan))
    else:
        lap.status = StatusLaporan.DIVERIFIKASI
        lap.diverifikasi_pada = pada_verif
        langkah.append(dict(dari=StatusLaporan.DIAJUKAN, ke=StatusLaporan.DIVERIFIKASI,
                            oleh=verifikator, pada=pada_verif, catatan=""))
    return lap, langkah


def _permasalahan(ta: TahunAnggaran, terakhir: int,
                  dilaporkan: dict[int, int]) -> list[Permasalahan]:
    """Obstacles on the sub kegiatan furthest behind their anggaran kas at the last month due,
    and a few already solved earlier in the year — each in a month its OPD has reported
    (``dilaporkan``: OPD id -> months reported)."""
    if terakhir < 1:
        return []
    kolom_ak = BULAN_AK[:terakhir]
    ak = F(kolom_ak[0])
    for f in kolom_ak[1:]:
        ak = ak + F(f)
    versi = ta.versi.order_by("-berlaku_mulai").first()
    if versi is None:
        return []
    target = {
        (r["rincian__opd_id"], r["rincian__sub_kegiatan_id"]): r["ak"]
        for r in PaguAnggaran.objects.filter(versi=versi)
        .values("rincian__opd_id", "rincian__sub_kegiatan_id")
        .annotate(ak=SumSen(ak, output_field=BigIntegerField()))
    }
    realisasi = {
        (r["rincian__opd_id"], r["rincian__sub_kegiatan_id"]): r["sen"]
        for r in RealisasiKeuangan.objects.filter(rincian__tahun=ta, bulan__lte=terakhir)
        .values("rincian__opd_id", "rincian__sub_kegiatan_id")
        .annotate(sen=SumSen("jumlah", output_field=BigIntegerField()))
    }
    capaian = sorted(
        ((Decimal(realisasi.get(k, 0)) / v, k) for k, v in target.items() if v > 0),
        key=lambda x: (x[0], x[1]),
    )
    rng = random.Random(f"permasalahan-{ta.tahun}")
    hasil = []
    for i, (_, (opd_id, sub_id)) in enumerate(capaian[:60]):
        kat, uraian, tindak, pj = PERMASALAHAN[rng.randrange(len(PERMASALAHAN))]
        n = dilaporkan.get(opd_id, 0)
        bulan = min(n, max(1, terakhir - rng.randint(0, 4)))
        if bulan < 1:
            continue
        selesai = i % 4 == 3 and bulan < n
        hasil.append(Permasalahan(
            tahun=ta, opd_id=opd_id, sub_kegiatan_id=sub_id, bulan=bulan, kategori=kat,
            uraian=uraian, tindak_lanjut=tindak, penanggung_jawab=pj,
            target_selesai=datetime.date(ta.tahun, min(12, terakhir + 1), 28),
            status=StatusPermasalahan.SELESAI if selesai else StatusPermasalahan.TERBUKA,
            bulan_selesai=n if selesai else None,
        ))
    return hasil
