"""``siap impor-indikator``: the same as ``siap impor indikator``."""

from exchange.management.commands.impor import Command as _Command


class Command(_Command):
    jenis_tetap = "indikator"
