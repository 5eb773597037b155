"""``siap impor sipd-realisasi BERKAS --tanggal 2025-11-30 [--dry-run]`` — realisasi from a
SIPD "realisasi per rekening" file (see README, "SIPD")."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from exchange.perintah import tanggal, tulis_galat
from exchange.sipd.realisasi import TataLetakTidakDikenal, impor_sipd_realisasi
from exchange.sipd.teks import teks_hasil, teks_tidak_dikenal
from exchange.umum import ImporGagal


class Command(BaseCommand):
    help = ("Mengimpor realisasi kumulatif per rekening dari berkas SIPD (CSV/XLSX) s.d. tanggal "
            "batas. Semua baris diperiksa dulu; satu galat saja berarti tidak ada yang disimpan.")

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .csv atau .xlsx dari SIPD")
        parser.add_argument("--tanggal", type=tanggal, required=True,
                            help="tanggal batas realisasi kumulatif, mis. 2025-11-30")
        parser.add_argument("--angka", choices=["polos", "id"], default="polos",
                            help="angka teks: polos (1250000.50, baku) atau id (1.250.000,50)")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan tampilkan pratinjau tanpa menyimpan")
        parser.add_argument("--galat", metavar="GALAT.csv", help="tulis daftar galat ke CSV ini")

    def handle(self, *args, berkas, tanggal, angka, dry_run, galat, **options):
        try:
            hasil = impor_sipd_realisasi(berkas, tanggal=tanggal, gaya=angka, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"Berkas {berkas} tidak ditemukan.") from None
        except TataLetakTidakDikenal as exc:
            raise CommandError(teks_tidak_dikenal(exc.berkas)) from None
        except IntegrityError as exc:
            raise CommandError(f"Basis data menolak perubahan; tidak ada yang disimpan: {exc}"
                               ) from None
        except ImporGagal as exc:
            for g in exc.galat:
                self.stderr.write(str(g))
            if galat:
                tulis_galat(galat, exc.galat)
                self.stderr.write(f"Daftar galat ditulis ke {galat}.")
            raise CommandError(f"{exc.jumlah} galat; berkas ditolak, tidak ada data yang "
                               f"disimpan.") from None
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan. Yang akan terjadi:")
        self.stdout.write(teks_hasil(hasil))
