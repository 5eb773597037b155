"""``siap ekspor-realisasi``: the same as ``siap ekspor realisasi``."""

from .ekspor import Command as _Command


class Command(_Command):
    jenis_tetap = "realisasi"
