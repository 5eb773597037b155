"""``siap rekap --tahun 2025 --bulan 11 [--format teks|json|csv]``"""

import json

from django.core.management.base import BaseCommand, CommandError

from budget.models import TahunAnggaran
from evaluation.queries import hitung_rekap
from evaluation.serializers import rekap_csv, rekap_dict, rekap_teks


class Command(BaseCommand):
    help = "Mencetak rekap realisasi APBD (angka Rakor POP) untuk satu tahun s.d. satu bulan."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--bulan", type=int, required=True, help="bulan batas (1–12)")
        parser.add_argument("--format", choices=["teks", "json", "csv"], default="teks")

    def handle(self, *args, tahun, bulan, format, **options):
        if not 1 <= bulan <= 12:
            raise CommandError(f"--bulan harus 1 sampai 12, bukan {bulan}")
        if not TahunAnggaran.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} belum ada di SIAP.")
        hasil = hitung_rekap(tahun, bulan)
        if format == "json":
            self.stdout.write(json.dumps(rekap_dict(hasil), ensure_ascii=False, indent=2))
        elif format == "csv":
            self.stdout.write(rekap_csv(hasil), ending="")
        else:
            self.stdout.write(rekap_teks(hasil), ending="")
