"""Reading what SIPD RI exports (see README, "SIPD"): realisasi per rekening in its known
layouts, anggaran kas and DPA lines, into SIAP's budget lines — with a column mapping for
unknown headers, a sub unit → OPD mapping, a traceable import log and the reconciliation of
what OPD report against SIPD.

Modules: ``tata_letak`` (layouts and header detection), ``berkas`` (rows of a file under a
layout), ``cocok`` (SIPD codes → SIAP's OPD, sub kegiatan, jenis belanja and lines),
``bagi`` (the sumber dana split), ``jumlah`` (subtotal and total rows), ``realisasi`` (the
realisasi import), ``anggaran`` (anggaran kas + DPA into a budget version), ``rekonsiliasi``,
``contoh`` (sample files from the demo), ``views*`` (the browser pages).
"""
