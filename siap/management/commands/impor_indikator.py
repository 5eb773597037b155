"""``siap impor-indikator``: the same as ``siap impor indikator``."""

from .impor import Command as _Command


class Command(_Command):
    jenis_tetap = "indikator"
