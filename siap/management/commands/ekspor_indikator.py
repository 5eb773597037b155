"""``siap ekspor-indikator``: the same as ``siap ekspor indikator``."""

from .ekspor import Command as _Command


class Command(_Command):
    jenis_tetap = "indikator"
