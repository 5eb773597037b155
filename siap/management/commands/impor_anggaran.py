"""``siap impor-anggaran``: the same as ``siap impor anggaran``."""

from .impor import Command as _Command


class Command(_Command):
    jenis_tetap = "anggaran"
