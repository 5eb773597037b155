"""Framework-free helpers: environment parsing, Rupiah/percent formatting, periods."""
