"""Where errors go: one rotating log file, and incident codes a person can quote.

A person never sees a traceback. An unexpected error is logged here with its full
traceback under a short incident code (``report``), and the person is shown an Indonesian
sentence carrying that code (``message``), so the admin can find the entry in the log.
Refused uploads and the parsing workers' stderr are logged here too.

The log is ``data/kinerja.log`` unless the ``KINERJA_LOG`` environment variable or the
``log_file`` setting names another file; it rotates at 2 MB and keeps 5 old files.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import secrets
import threading
from pathlib import Path

LOGGER_NAME = "kinerja"
ROTATE_BYTES = 2 * 1024 * 1024
ROTATE_KEEP = 5
_FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger(LOGGER_NAME)
_configured: dict[str, logging.Handler] = {}
_lock = threading.Lock()


def default_log_path() -> Path:
    """``KINERJA_LOG`` when set, else data/kinerja.log (``Settings.log_path`` adds the
    ``log_file`` setting in front)."""
    from kinerja_core.settings import Settings

    return Settings().log_path


def configure(path: str | os.PathLike | None = None) -> Path:
    """Send the ``kinerja`` logger to a rotating file (idempotent per path).

    Returns the file in use. A file that cannot be opened (read-only folder) leaves
    logging to stderr instead of stopping the app.
    """
    target = Path(path) if path else default_log_path()
    key = str(target.resolve())
    with _lock:
        if key in _configured:
            return target
        for old in _configured.values():
            log.removeHandler(old)
            old.close()
        _configured.clear()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                target, maxBytes=ROTATE_BYTES, backupCount=ROTATE_KEEP, encoding="utf-8"
            )
        except OSError as error:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter(_FORMAT))
            log.addHandler(handler)
            _configured[key] = handler
            log.warning("Berkas log %s tidak dapat dibuka (%s); log ke stderr.", target, error)
            return target
        handler.setFormatter(logging.Formatter(_FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        _configured[key] = handler
    return target


def new_code() -> str:
    """A short code to quote, e.g. ``KNJ-7F3A9C`` (unique enough to find in the log)."""
    return f"KNJ-{secrets.token_hex(3).upper()}"


def report(error: BaseException, where: str = "") -> str:
    """Log ``error`` with its full traceback under a new incident code; return the code."""
    code = new_code()
    log.error(
        "Insiden %s%s: %s: %s",
        code,
        f" ({where})" if where else "",
        type(error).__name__,
        error,
        exc_info=(type(error), error, error.__traceback__),
    )
    return code


def message(code: str) -> str:
    """What a person reads for an unexpected error (Indonesian, with the code)."""
    return (
        f"Terjadi kesalahan yang tidak terduga (kode insiden {code}). Data yang sudah "
        "tersimpan aman. Muat ulang halaman lalu coba lagi; jika berulang, sampaikan kode "
        "ini kepada admin — rinciannya tercatat di log aplikasi."
    )
