"""``siap rakor --tahun 2025 --bulan 11 [--pdf F] [--xlsx F] [--csv F]``: the Rakor POP pack as
files, the same bytes as the downloads of the Bahan Rakor page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import TahunAnggaran
from evaluation.berkas_rakor import isi_berkas
from evaluation.ekspor_pdf import PdfTidakTersedia
from evaluation.paket import paket_rakor


def tulis_atomik(tujuan: Path, isi: bytes) -> None:
    """Write to a temporary file beside ``tujuan``, then rename: a reader never sees half a
    file, and an existing file is left untouched if writing fails."""
    fd, sementara = tempfile.mkstemp(dir=tujuan.parent, prefix=f".{tujuan.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(sementara, 0o644)
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Membuat berkas bahan Rakor POP (PDF, XLSX, CSV) untuk satu tahun s.d. satu bulan."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--bulan", type=int, required=True, help="bulan batas (1–12)")
        parser.add_argument("--pdf", type=Path, help="berkas PDF yang ditulis")
        parser.add_argument("--xlsx", type=Path, help="berkas XLSX yang ditulis")
        parser.add_argument("--csv", type=Path, help="berkas CSV yang ditulis")

    def handle(self, *args, tahun, bulan, **options):
        keluaran = {fmt: options[fmt] for fmt in ("pdf", "xlsx", "csv") if options.get(fmt)}
        if not keluaran:
            raise CommandError("Sebutkan paling sedikit satu berkas keluaran: --pdf, --xlsx atau --csv.")
        if not 1 <= bulan <= 12:
            raise CommandError(f"--bulan harus 1 sampai 12, bukan {bulan}.")
        if not TahunAnggaran.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} belum ada di SIAP.")
        for fmt, tujuan in keluaran.items():
            if not tujuan.parent.is_dir():
                raise CommandError(f"Folder {tujuan.parent} untuk berkas --{fmt} tidak ada.")
            if tujuan.is_dir():
                raise CommandError(f"--{fmt} {tujuan} adalah folder, bukan nama berkas.")
        paket = paket_rakor(tahun, bulan)
        for fmt, tujuan in keluaran.items():
            try:
                isi = isi_berkas(paket, fmt)
            except PdfTidakTersedia as exc:
                raise CommandError(str(exc)) from exc
            try:
                tulis_atomik(tujuan, isi)
            except OSError as exc:
                raise CommandError(f"Berkas {tujuan} tidak dapat ditulis: {exc.strerror}.") from exc
            self.stdout.write(f"{fmt.upper()} ditulis: {tujuan} ({len(isi):,} bita)".replace(",", "."))
