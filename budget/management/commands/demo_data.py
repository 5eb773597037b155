"""``siap demo-data [--ganti] [--skala N]``: load the Lampung Barat demo."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from budget.demo import DemoError, muat_demo, teks_akun_demo
from kinerja.demo import hapus_kinerja_demo, muat_kinerja_demo
from reporting.demo import muat_laporan_demo


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

    def handle(self, *args, ganti, skala, **options):
        if skala < 1:
            raise CommandError(f"--skala harus 1 atau lebih, bukan {skala}")
        mulai = time.monotonic()
        try:
            with transaction.atomic():
                if ganti:
                    hapus_kinerja_demo()  # fast, before the budget demo's own (row by row) deletion
                r = muat_demo(stdout=self.stdout, skala=skala, ganti=ganti)
                laporan = muat_laporan_demo()
                muat_kinerja_demo(stdout=self.stdout)  # indicators, quarters, pemda outcomes
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        def ribuan(n: int) -> str:
            return f"{n:,}".replace(",", ".")

        self.stdout.write(
            f"Pelaporan: {ribuan(laporan['laporan'])} laporan bulanan, "
            f"{ribuan(laporan['permasalahan'])} permasalahan."
        )
        detik = f"{time.monotonic() - mulai:.1f}".replace(".", ",")
        rincian = f"{sum(r.rincian.values()):,}".replace(",", ".")
        tahun = ", ".join(map(str, r.rincian))
        self.stdout.write(self.style.SUCCESS(
            f"Data demo Kabupaten Lampung Barat dimuat dalam {detik} detik: {r.opd} perangkat "
            f"daerah, tahun anggaran {tahun}, {rincian} rincian anggaran."
        ))
        self.stdout.write(teks_akun_demo())
