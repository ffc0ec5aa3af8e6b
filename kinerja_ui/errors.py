"""What a person sees when something goes wrong: an Indonesian sentence, never a traceback.

``run_page`` runs the chosen page (app.py): any unexpected exception is logged with its
full traceback under an incident code (``kinerja_core.incident``) and the page shows an
Indonesian message with that code. ``attempt`` does the same around one action (a Simpan)
and says whether it succeeded. A database that is locked, full or read-only while saving
(``StoreWriteError``) gets its own message — what happened, that nothing was lost, what to
do — with the code as well. Streamlit's own error details are off for users
(``client.showErrorDetails = "none"`` in .streamlit/config.toml).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kinerja_core import incident
from kinerja_core.store import StoreWriteError


def ensure_logging() -> None:
    """The rotating log of the configured ``log_file`` (idempotent, cheap on every rerun)."""
    from kinerja_ui.state import file_settings

    try:
        path = file_settings().log_path
    except Exception:  # a broken kinerja.toml is shown elsewhere; log to the default file
        path = None
    incident.configure(path)


def report(error: BaseException, where: str) -> str:
    """Log ``error`` with its full traceback under a new incident code; return the code."""
    ensure_logging()
    return incident.report(error, where)


def message(error: BaseException, code: str) -> str:
    """The Indonesian sentence for ``error`` (what happened, what to do, the code)."""
    if isinstance(error, StoreWriteError):
        return f"{error} (Kode insiden {code}.)"
    return incident.message(code)


def show(error: BaseException, where: str) -> str:
    """Log ``error`` and show its Indonesian message on the page; returns the code."""
    code = report(error, where)
    icon = ":material/database:" if isinstance(error, StoreWriteError) else ":material/error:"
    st.error(message(error, code), icon=icon)
    return code


def attempt(action: Callable[[], object], where: str) -> bool:
    """Run ``action``; on any failure show why (Indonesian, incident code) and return False."""
    try:
        action()
    except Exception as error:
        show(error, where)
        return False
    return True


def run_page(page) -> None:
    """Run a ``st.navigation`` page; an unexpected error becomes a message, not a traceback.

    ``st.stop`` / ``st.rerun`` / ``st.switch_page`` pass through (they are not Exceptions).
    """
    ensure_logging()
    try:
        page.run()
    except Exception as error:
        show(error, f"halaman {getattr(page, 'title', '') or '?'}")
