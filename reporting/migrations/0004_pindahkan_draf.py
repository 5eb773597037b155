"""Move the operators' unsubmitted values out of the official tables into the draft tables.

Until now the report form wrote straight into ``budget.RealisasiKeuangan`` and
``budget.RealisasiFisik``, so a value an operator had saved but not submitted reached every
leader's figure. From 0002 on those two tables hold only official data (submitted reports,
imports) and the working values live in ``IsianRealisasi`` / ``IsianFisik``. The rule applied
here to existing data:

- Only reports in status *draft* are touched. A report that is diajukan, diverifikasi or
  dikembalikan (returned but not edited since) holds exactly what was submitted.
- Only the report's own month, and only the rows the report wrote: rows whose latest
  audit-trail entry is a save through SIAP (form, lembar isian, API). Rows that were imported
  (change reason "impor …"), restored or loaded by the demo (no audit trail) are official data
  and stay.
- Each such value becomes a draft row (same amount; its audit trail starts with the user and
  time of the official row's latest entry, so a conflict can still name who typed it).
- A draft report never submitted: the official row is deleted — it never was reported.
- A draft report submitted before (returned, then edited): the official row gets back the value
  of the last submission (its snapshot), so the leaders keep counting what was submitted until
  the report is submitted again; a line or sub kegiatan absent from the snapshot, or submitted
  as zero or blank, has its official row deleted (zero and no row count alike).

Every official row changed here gets an audit-trail entry with the reason below. The derived
tables (budget 0005) follow through their triggers. Reversed, every draft value is written back
into the official tables (the old meaning, where a saved value was official at once) and the
drafts are emptied, so rolling back to 0001 loses no typed value.
"""

from decimal import Decimal

from django.db import migrations

ALASAN = "draf dipisahkan dari data resmi (migrasi)"


def _dari_laporan(riwayat_terakhir) -> bool:
    """Whether an official row's latest audit entry is a save of a report (not an import)."""
    if riwayat_terakhir is None:
        return False
    alasan = riwayat_terakhir.history_change_reason or ""
    return not alasan.startswith("impor")


def _terakhir(model, **saring) -> dict:
    hasil = {}
    for h in model.objects.filter(**saring).order_by("id", "history_date", "history_id"):
        hasil[h.id] = h
    return hasil


def pindahkan(apps, schema_editor):
    LaporanBulanan = apps.get_model("reporting", "LaporanBulanan")
    SnapshotLaporan = apps.get_model("reporting", "SnapshotLaporan")
    IsianRealisasi = apps.get_model("reporting", "IsianRealisasi")
    IsianFisik = apps.get_model("reporting", "IsianFisik")
    HIsianRealisasi = apps.get_model("reporting", "HistoricalIsianRealisasi")
    HIsianFisik = apps.get_model("reporting", "HistoricalIsianFisik")
    RealisasiKeuangan = apps.get_model("budget", "RealisasiKeuangan")
    RealisasiFisik = apps.get_model("budget", "RealisasiFisik")
    HRealisasiKeuangan = apps.get_model("budget", "HistoricalRealisasiKeuangan")
    HRealisasiFisik = apps.get_model("budget", "HistoricalRealisasiFisik")

    for lap in LaporanBulanan.objects.filter(status="draft").order_by("pk").iterator():
        snap = (SnapshotLaporan.objects.filter(laporan_id=lap.pk).order_by("-nomor").first()
                if lap.pertama_diajukan_pada else None)
        _keuangan(lap, snap, RealisasiKeuangan, HRealisasiKeuangan, IsianRealisasi,
                  HIsianRealisasi)
        _fisik(lap, snap, RealisasiFisik, HRealisasiFisik, IsianFisik, HIsianFisik)


def _keuangan(lap, snap, Resmi, HResmi, Isian, HIsian):  # noqa: N803
    rows = list(Resmi.objects.filter(rincian__opd_id=lap.opd_id,
                                     rincian__tahun_id=lap.tahun_id, bulan=lap.bulan))
    riwayat = _terakhir(HResmi, id__in=[r.pk for r in rows])
    rows = [r for r in rows if _dari_laporan(riwayat.get(r.pk))]
    if not rows:
        return
    draf = Isian.objects.bulk_create(
        [Isian(laporan_id=lap.pk, rincian_id=r.rincian_id, jumlah=r.jumlah) for r in rows])
    HIsian.objects.bulk_create([
        HIsian(id=d.pk, laporan_id=lap.pk, rincian_id=d.rincian_id, jumlah=d.jumlah,
               history_date=riwayat[r.pk].history_date, history_user_id=riwayat[r.pk].history_user_id,
               history_type="+", history_change_reason=ALASAN)
        for d, r in zip(draf, rows, strict=True)
    ])
    diajukan = (snap.data.get("baris", {}) if snap else {})
    hapus, ubah = [], []
    for r in rows:
        nilai = diajukan.get(str(r.rincian_id), {}).get("realisasi")
        nilai = Decimal(nilai) if nilai is not None else Decimal(0)
        if nilai == 0:
            hapus.append(r)
        elif nilai != r.jumlah:
            r.jumlah = nilai
            ubah.append(r)
    _catat_resmi(HResmi, lap, hapus, ubah, lambda r: {"rincian_id": r.rincian_id,
                                                       "bulan": r.bulan, "jumlah": r.jumlah})
    Resmi.objects.bulk_update(ubah, ["jumlah"])
    Resmi.objects.filter(pk__in=[r.pk for r in hapus]).delete()


def _fisik(lap, snap, Resmi, HResmi, Isian, HIsian):  # noqa: N803
    rows = list(Resmi.objects.filter(tahun_id=lap.tahun_id, opd_id=lap.opd_id, bulan=lap.bulan))
    riwayat = _terakhir(HResmi, id__in=[r.pk for r in rows])
    rows = [r for r in rows if _dari_laporan(riwayat.get(r.pk))]
    if not rows:
        return
    draf = Isian.objects.bulk_create(
        [Isian(laporan_id=lap.pk, sub_kegiatan_id=r.sub_kegiatan_id, persen=r.persen)
         for r in rows])
    HIsian.objects.bulk_create([
        HIsian(id=d.pk, laporan_id=lap.pk, sub_kegiatan_id=d.sub_kegiatan_id, persen=d.persen,
               history_date=riwayat[r.pk].history_date, history_user_id=riwayat[r.pk].history_user_id,
               history_type="+", history_change_reason=ALASAN)
        for d, r in zip(draf, rows, strict=True)
    ])
    diajukan = (snap.data.get("fisik", {}) if snap else {})
    hapus, ubah = [], []
    for r in rows:
        nilai = diajukan.get(str(r.sub_kegiatan_id), {}).get("fisik")
        if nilai is None:
            hapus.append(r)
        elif Decimal(nilai) != r.persen:
            r.persen = Decimal(nilai)
            ubah.append(r)
    _catat_resmi(HResmi, lap, hapus, ubah, lambda r: {
        "tahun_id": r.tahun_id, "opd_id": r.opd_id, "sub_kegiatan_id": r.sub_kegiatan_id,
        "bulan": r.bulan, "persen": r.persen})
    Resmi.objects.bulk_update(ubah, ["persen"])
    Resmi.objects.filter(pk__in=[r.pk for r in hapus]).delete()


def _catat_resmi(HResmi, lap, hapus, ubah, nilai):  # noqa: N803
    from django.utils import timezone

    sekarang = timezone.now()
    HResmi.objects.bulk_create(
        [HResmi(id=r.pk, history_date=sekarang, history_type="-", history_change_reason=ALASAN,
                **nilai(r)) for r in hapus]
        + [HResmi(id=r.pk, history_date=sekarang, history_type="~", history_change_reason=ALASAN,
                  **nilai(r)) for r in ubah]
    )


def kembalikan(apps, schema_editor):
    IsianRealisasi = apps.get_model("reporting", "IsianRealisasi")
    IsianFisik = apps.get_model("reporting", "IsianFisik")
    RealisasiKeuangan = apps.get_model("budget", "RealisasiKeuangan")
    RealisasiFisik = apps.get_model("budget", "RealisasiFisik")
    for d in IsianRealisasi.objects.select_related("laporan").iterator():
        kunci = {"rincian_id": d.rincian_id, "bulan": d.laporan.bulan}
        if d.jumlah is None:
            RealisasiKeuangan.objects.filter(**kunci).delete()
        else:
            RealisasiKeuangan.objects.update_or_create(**kunci, defaults={"jumlah": d.jumlah})
    for d in IsianFisik.objects.select_related("laporan").iterator():
        kunci = {"tahun_id": d.laporan.tahun_id, "opd_id": d.laporan.opd_id,
                 "sub_kegiatan_id": d.sub_kegiatan_id, "bulan": d.laporan.bulan}
        if d.persen is None:
            RealisasiFisik.objects.filter(**kunci).delete()
        else:
            RealisasiFisik.objects.update_or_create(**kunci, defaults={"persen": d.persen})
    IsianRealisasi.objects.all().delete()
    IsianFisik.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0003_isian_draf"),
        ("budget", "0005_pemicu_kumulatif"),
    ]

    operations = [
        migrations.RunPython(pindahkan, kembalikan, elidable=False),
    ]
