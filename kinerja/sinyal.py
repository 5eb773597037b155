"""Kinerja's part in the monthly report's workflow (``reporting.sinyal``)."""

from django.dispatch import receiver

from reporting.sinyal import sebelum_diajukan

from .triwulan import blokir_pengajuan


@receiver(sebelum_diajukan, dispatch_uid="kinerja-triwulan")
def _kinerja_triwulan(sender, laporan, **kwargs):
    """The report of a quarter's last month waits for the quarter's indicator warnings to be
    explained."""
    return blokir_pengajuan(laporan)
