"""``siap ekspor-anggaran``: the same as ``siap ekspor anggaran``."""

from .ekspor import Command as _Command


class Command(_Command):
    jenis_tetap = "anggaran"
