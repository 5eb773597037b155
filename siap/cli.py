"""The ``siap`` command: Django's management commands under one name.

``siap rekap --tahun 2025 --bulan 11`` runs the ``rekap`` command; a hyphenated name such as
``siap demo-data`` runs ``demo_data``; ``siap impor sipd-realisasi`` runs
``impor_sipd_realisasi`` (the SIPD imports sit beside ``siap impor anggaran|realisasi|fisik``).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siap.settings")
    if len(argv) > 2 and argv[1] == "impor" and argv[2].startswith("sipd-"):
        argv[1:3] = [f"impor-{argv[2]}"]
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
