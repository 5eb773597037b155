"""Covering indexes for the Rakor figures on PostgreSQL (issue #7; indexes only).

``evaluation.queries.hitung_rekap`` sums each line's realisasi up to the cut-off and takes the
latest realisasi / target fisik per (OPD, sub kegiatan). With ``jumlah`` / ``persen`` carried
in the index, PostgreSQL answers both with index-only scans instead of visiting the table
(at 100x the demo: realisasi 1,6 s → 0,6 s, latest fisik 0,7 s → 0,45 s per table, measured with
EXPLAIN ANALYZE). ``INCLUDE`` is PostgreSQL's; on other databases this migration does nothing
(SQLite already walks the unique indexes). The model state is unchanged: these are plain SQL
indexes beside the unique constraints, which stay.

Index-only scans need the visibility map: autovacuum keeps it (PostgreSQL ≥ 13 also vacuums
after inserts); after a bulk load run ``VACUUM ANALYZE``.
"""

from django.db import migrations

INDEKS = [
    ("budget_realisasikeuangan", "realisasi_rincian_bulan_cakup", "(rincian_id, bulan) INCLUDE (jumlah)"),
    ("budget_realisasifisik", "realisasifisik_terakhir_cakup",
     "(tahun_id, opd_id, sub_kegiatan_id, bulan) INCLUDE (persen)"),
    ("budget_targetfisik", "targetfisik_terakhir_cakup",
     "(tahun_id, opd_id, sub_kegiatan_id, bulan) INCLUDE (persen)"),
]


def buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, nama, kolom in INDEKS:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {nama} ON {tabel} {kolom}")


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, nama, _ in INDEKS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {nama}")


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_historicalrealisasifisik_historicalrealisasikeuangan")]

    operations = [migrations.RunPython(buat, hapus, elidable=False)]
