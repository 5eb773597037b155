"""``siap demo-data [--ganti] [--skala N]``: load the Lampung Barat demo as it stands today.

The hidden ``--hari-ini YYYY-MM-DD`` loads it as it would stand on another day (tests, checks).
"""

import argparse
import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.akun import teks_akun_demo
from demo.jadwal import bulan_terbuka, jatuh_tempo_terakhir, sekarang_demo
from demo.kinerja import hapus_kinerja_demo, muat_kinerja_demo
from demo.laporan import muat_laporan_demo
from demo.load import DemoError, muat_demo
from lib.periode import nama_bulan, tanggal_panjang


def _tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal '{teks}' tidak dikenali; tulis TTTT-BB-HH, mis. 2027-01-15") from None


class Command(BaseCommand):
    help = (
        "Memuat data demo Kabupaten Lampung Barat (OPD dan nomenklatur nyata, angka per OPD "
        "sintetis, total sama dengan Rakor POP) ke basis data kosong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ganti", action="store_true",
            help="hapus data demo yang sudah ada lebih dulu (tidak pernah data resmi)",
        )
        parser.add_argument(
            "--skala", type=int, default=1,
            help="gandakan OPD dan rincian anggaran N kali, untuk uji beban (bawaan 1)",
        )
        # For tests and checks: the demo as it would stand on another day.
        parser.add_argument("--hari-ini", type=_tanggal, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, ganti, skala, hari_ini, **options):
        if skala < 1:
            raise CommandError(f"--skala harus 1 atau lebih, bukan {skala}")
        hari_ini = hari_ini or timezone.localdate()
        mulai = time.monotonic()
        try:
            with transaction.atomic():
                if ganti:
                    hapus_kinerja_demo()  # fast, before the budget demo's own (row by row) deletion
                r = muat_demo(stdout=self.stdout, skala=skala, ganti=ganti, hari_ini=hari_ini)
                laporan = muat_laporan_demo(hari_ini)
                muat_kinerja_demo(stdout=self.stdout)  # indicators, quarters, pemda outcomes
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        def ribuan(n: int) -> str:
            return f"{n:,}".replace(",", ".")

        sekarang = sekarang_demo(hari_ini)
        (t0, b0), (t1, b1) = jatuh_tempo_terakhir(sekarang), bulan_terbuka(sekarang)
        self.stdout.write(
            f"Pelaporan per {tanggal_panjang(hari_ini)}: {ribuan(laporan['laporan'])} laporan "
            f"bulanan s.d. {nama_bulan(b0)} {t0}, {ribuan(laporan['permasalahan'])} "
            f"permasalahan; bulan yang sedang dilaporkan: {nama_bulan(b1)} {t1}."
        )
        detik = f"{time.monotonic() - mulai:.1f}".replace(".", ",")
        rincian = f"{sum(r.rincian.values()):,}".replace(",", ".")
        tahun = ", ".join(map(str, r.rincian))
        self.stdout.write(self.style.SUCCESS(
            f"Data demo Kabupaten Lampung Barat dimuat dalam {detik} detik: {r.opd} perangkat "
            f"daerah, tahun anggaran {tahun}, {rincian} rincian anggaran."
        ))
        self.stdout.write(teks_akun_demo())
