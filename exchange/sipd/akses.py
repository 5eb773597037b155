"""Who may use the SIPD pages: the verifikator and the administrator (the files hold the whole
pemda's data; the reconciliation compares every OPD). Everyone else gets 403, before anything
is looked up (``accounts.akses.hanya_verifikator``)."""

from accounts.akses import hanya_verifikator

hanya_pengimpor = hanya_verifikator("Hanya verifikator dan administrator yang dapat membuka "
                                    "halaman SIPD.")
