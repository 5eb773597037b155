"""Full export and restore of a SIAP instance (the entry point; the format is in
``semua_tabel``, the writing in ``semua_ekspor``, the reading in ``semua_baca`` and
``semua_impor``): ``siap ekspor-semua DIR`` / ``siap impor-semua DIR``.

The directory holds ``manifest.json`` (format, format version, pemda, creation time, SIAP
version, and for every file its table, row count and sha256) and one UTF-8 CSV per table, plain
numbers with a dot. Anggaran (one file per version), realisasi keuangan, realisasi fisik (one
file per year) are written in the ``siap impor`` formats, so each can also be imported alone;
target fisik uses the realisasi fisik format. Every other table has its own file whose columns
are the model's fields, references written as natural keys (codes, year, username), never as
database ids. Text is written verbatim (this is a backup, not a spreadsheet for Excel).

Not exported: the simple-history tables (the audit trail of the source is not recreated; a
restored realisasi has no history), and users and passwords — unless ``dengan_pengguna``, which
writes usernames, names, roles and OPD, never password hashes. On restore, a user referenced by
a report (``oleh``) is matched by username; one that does not exist is created inactive with an
unusable password, and a warning names it.

Restore checks the manifest (format version, every file present with its checksum and row
count) before writing anything, refuses a database that holds data unless ``ganti``, and writes
everything in ONE transaction with bulk inserts (a constant number of queries per table).
"""

from .semua_ekspor import ekspor_semua
from .semua_impor import HasilImpor, baca_manifest, impor_semua, isi_ada, kosongkan
from .semua_tabel import DIEKSPOR, DIKECUALIKAN, URUTAN_HAPUS, SemuaGagal

__all__ = [
    "DIEKSPOR", "DIKECUALIKAN", "URUTAN_HAPUS", "HasilImpor", "SemuaGagal", "baca_manifest",
    "ekspor_semua", "impor_semua", "isi_ada", "kosongkan",
]
