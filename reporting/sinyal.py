"""Signals through which other apps take part in a monthly report's workflow, so that
reporting never imports them."""

from django.dispatch import Signal

# Sent by ``services.ajukan`` with ``laporan`` (locked, inside the transaction) before the
# submission is recorded. Each receiver returns a list of ``validasi.Pesan`` that block it
# (e.g. kinerja: indicators of the quarter above 150% of target without an explanation).
sebelum_diajukan = Signal()
