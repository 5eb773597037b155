"""What the import commands share (``siap impor …``, ``siap impor sipd-…``, ``siap
demo-sipd``): a date argument, and the error list written to a CSV file."""

import argparse
import csv
import datetime

from lib.sel import sel_aman


def tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{teks!r} bukan tanggal; tulis TTTT-BB-HH, mis. 2025-01-01") from None


def tulis_galat(path, galat) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["baris", "kolom", "nilai", "alasan"])
        for g in galat:
            w.writerow([g.baris or "", sel_aman(g.kolom), sel_aman(g.nilai), sel_aman(g.alasan)])
