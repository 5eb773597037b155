"""``siap impor anggaran|realisasi|fisik|indikator BERKAS --tahun 2025 ...`` — see README,
"Format impor dan ekspor". The command line fronts every kind of import (budget data from
``exchange``, indikator kinerja from ``kinerja``), so it sits with the ``siap`` command."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from budget.models import JenisVersi
from exchange.impor_anggaran import impor_anggaran
from exchange.impor_realisasi import impor_fisik, impor_realisasi
from exchange.perintah import tanggal, tulis_galat
from exchange.umum import ImporGagal
from kinerja.impor import impor_indikator

JENIS = ("anggaran", "realisasi", "fisik", "indikator")


class Command(BaseCommand):
    help = ("Mengimpor anggaran (DPA dengan anggaran kas), realisasi keuangan atau realisasi "
            "fisik dari berkas CSV/XLSX. Semua baris diperiksa dulu; satu galat saja berarti "
            "tidak ada yang disimpan.")
    jenis_tetap: str | None = None  # set by the impor_<jenis> aliases

    def add_arguments(self, parser):
        if self.jenis_tetap is None:
            parser.add_argument("jenis", choices=JENIS, help="jenis data yang diimpor")
        parser.add_argument("berkas", help="berkas .csv atau .xlsx")
        parser.add_argument("--tahun", type=int, required=True, help="tahun anggaran")
        parser.add_argument("--versi", choices=list(JenisVersi.values),
                            help="anggaran: jenis versi (murni, pergeseran, perubahan)")
        parser.add_argument("--nama", help='anggaran: nama versi, mis. "APBD Murni 2025"')
        parser.add_argument("--berlaku", type=tanggal,
                            help="anggaran: tanggal versi mulai berlaku, mis. 2025-01-01")
        parser.add_argument("--buat-master", action="store_true",
                            help="anggaran: buat OPD, sub kegiatan, sumber dana, jenis belanja "
                                 "yang belum ada")
        parser.add_argument("--angka", choices=["polos", "id"], default="polos",
                            help="angka teks: polos (1250000.50, baku) atau id (1.250.000,50)")
        parser.add_argument("--dry-run", action="store_true",
                            help="periksa dan tampilkan ringkasan perubahan tanpa menyimpan")
        parser.add_argument("--galat", metavar="GALAT.csv",
                            help="tulis daftar galat ke berkas CSV ini")

    def handle(self, *args, berkas, tahun, versi, nama, berlaku, buat_master, angka, dry_run,
               galat, **options):
        jenis = self.jenis_tetap or options["jenis"]
        if jenis == "anggaran":
            if not versi or not berlaku:
                raise CommandError("impor anggaran membutuhkan --versi dan --berlaku")
        elif versi or nama or berlaku or buat_master:
            raise CommandError("--versi, --nama, --berlaku dan --buat-master hanya untuk impor "
                               "anggaran")
        try:
            if jenis == "anggaran":
                ringkasan = impor_anggaran(
                    berkas, tahun=tahun, jenis_versi=versi, berlaku=berlaku, nama=nama,
                    buat_master=buat_master, gaya=angka, dry_run=dry_run,
                )
            elif jenis == "realisasi":
                ringkasan = impor_realisasi(berkas, tahun=tahun, gaya=angka, dry_run=dry_run)
            elif jenis == "indikator":  # indikator kinerja and their targets (kinerja app)
                ringkasan = impor_indikator(berkas, tahun=tahun, gaya=angka, dry_run=dry_run)
            else:
                ringkasan = impor_fisik(berkas, tahun=tahun, gaya=angka, dry_run=dry_run)
        except IntegrityError as exc:
            # Only a concurrent change between checking and writing can get here.
            raise CommandError(f"Basis data menolak perubahan; tidak ada yang disimpan: {exc}"
                               ) from None
        except FileNotFoundError:
            raise CommandError(f"Berkas {berkas} tidak ditemukan.") from None
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
        self.stdout.write(str(ringkasan))
