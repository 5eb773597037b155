"""``siap impor-realisasi``: the same as ``siap impor realisasi``."""

from .impor import Command as _Command


class Command(_Command):
    jenis_tetap = "realisasi"
