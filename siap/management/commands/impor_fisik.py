"""``siap impor-fisik``: the same as ``siap impor fisik``."""

from .impor import Command as _Command


class Command(_Command):
    jenis_tetap = "fisik"
