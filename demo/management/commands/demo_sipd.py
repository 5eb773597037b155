"""``siap demo-sipd DIR [--tahun 2025] [--tanggal 2025-11-30]`` — sample SIPD files made from
the data in SIAP (the demo's), one per layout the SIPD importers read (README, "SIPD")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.perintah import tanggal as baca_tanggal
from exchange.sipd import contoh_tulis as ct
from exchange.sipd.contoh import data_grup


class Command(BaseCommand):
    help = "Menulis berkas contoh SIPD (realisasi, anggaran kas, DPA) dari data SIAP."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder tujuan (dibuat bila belum ada)")
        parser.add_argument("--tanggal", type=baca_tanggal, default=baca_tanggal("2025-11-30"),
                            help="tanggal batas realisasi kumulatif (bawaan 2025-11-30)")
        parser.add_argument("--opd", default="1.02.0.00.0.00.01.0000",
                            help="kode OPD untuk contoh anggaran kas cetak (bawaan Dinas Kesehatan)")

    def handle(self, *args, folder, tanggal, opd, **options):
        grup = data_grup(tanggal.year, tanggal)
        if not grup:
            raise CommandError(f"Tidak ada anggaran tahun {tanggal.year} yang berlaku pada "
                               f"{tanggal:%d-%m-%Y}; muat demo dulu (siap demo-data).")
        d = Path(folder)
        d.mkdir(parents=True, exist_ok=True)
        t, th = tanggal.isoformat(), tanggal.year
        ditulis = [
            ct.realisasi_judul(d / f"contoh-sipd-realisasi-{t}.csv", grup, tanggal),
            ct.realisasi_judul(d / f"contoh-sipd-realisasi-{t}.xlsx", grup, tanggal),
            ct.realisasi_kolom(d / f"contoh-sipd-realisasi-kolom-{t}.xlsx", grup, tanggal),
            ct.anggaran_kas_json(d / f"contoh-sipd-anggaran-kas-{th}.json", grup),
            ct.anggaran_kas_datar(d / f"contoh-sipd-anggaran-kas-{th}.csv", grup),
            ct.dpa(d / f"contoh-sipd-dpa-{th}.csv", grup),
        ]
        if any(g.opd[0] == opd for g in grup):
            ditulis.append(ct.anggaran_kas_cetak(d / f"contoh-sipd-anggaran-kas-cetak-{th}.xlsx",
                                                 grup, opd, th))
        for p in ditulis:
            self.stdout.write(f"{p}")
        self.stdout.write(f"Contoh (data contoh, bukan data SIPD sebenarnya). Coba:\n"
                          f"  siap impor sipd-realisasi {ditulis[0]} --tanggal {t} --dry-run")
