"""``siap ekspor-fisik``: the same as ``siap ekspor fisik``."""

from .ekspor import Command as _Command


class Command(_Command):
    jenis_tetap = "fisik"
