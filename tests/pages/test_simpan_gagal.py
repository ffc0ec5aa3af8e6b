"""Pengumpulan Data (AppTest): a database that refuses the write while saving.

Another process holds SQLite's write lock (a real ``database is locked``, not a mock). The
page says so in Indonesian with an incident code, shows no traceback, keeps the upload (even
after the uploader is cleared) so Simpan can be pressed again, and the traceback is in the
log file only. Once the lock is gone, Simpan stores the very same bytes.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

from kinerja_core import store as store_module
from kinerja_core.ingest.safe import shutdown_workers
from tests.pages.test_pengumpulan_page import XLSX, filled_format, plan_db, run_page  # noqa: F401


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    shutdown_workers()


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    path = tmp_path / "kinerja.log"
    monkeypatch.setenv("KINERJA_LOG", str(path))
    return path


def _page_texts(at) -> str:
    parts = (
        [e.value for e in at.error] + [m.value for m in at.markdown] + [i.value for i in at.info]
    )
    return "\n".join(str(p) for p in parts)


def test_locked_database_keeps_the_upload_for_another_simpan(plan_db, log_file, monkeypatch):  # noqa: F811
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)  # the app's store waits 0,2 s
    content = filled_format("Bidang Statistik")
    at = run_page()
    at.file_uploader[0].set_value(("kiriman_statistik.xlsx", content, XLSX)).run()
    assert any("Terbaca tanpa kesalahan" in s.value for s in at.success)

    locker = sqlite3.connect(plan_db.engine.url.database, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        at = next(b for b in at.button if b.key.startswith("simpan_")).click().run()
        assert not at.exception
        shown = " ".join(e.value for e in at.error)
        assert "Belum tersimpan" in shown and "terkunci" in shown
        assert "Tidak ada yang hilang" in shown
        code = re.search(r"Kode insiden (KNJ-[0-9A-F]{6})", shown).group(1)
        page = _page_texts(at)
        for leak in ("Traceback", "OperationalError", "sqlite", str(plan_db.engine.url.database)):
            assert leak not in page
        assert plan_db.submissions(2024).empty  # nothing half-written

        logged = log_file.read_text(encoding="utf-8")
        assert code in logged and "Traceback" in logged and "database is locked" in logged

        # The person clears the uploader (or leaves the page): the upload is still there.
        at.file_uploader[0].set_value([]).run()
        assert not at.exception
        button = next(b for b in at.button if b.key.startswith("simpan_"))
        assert button.label == "Simpan" and not button.disabled
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    at = button.click().run()
    assert not at.exception
    assert any("Tersimpan sebagai versi 1 untuk Bidang Statistik" in i.value for i in at.info)
    stored = plan_db.submissions(2024)
    assert len(stored) == 1
    assert stored["sha256"].iloc[0] == hashlib.sha256(content).hexdigest()
    assert not any("Belum tersimpan" in e.value for e in at.error)
