"""Cadangan Data page (AppTest): a backup is made, checked, audited and offered to download."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kinerja_core.backup import check_backup
from kinerja_core.store import Store
from kinerja_ui.cadangan import READY_KEY
from tests.pages.conftest import open_page


def test_backup_is_made_checked_and_offered(demo_db):
    at = open_page("cadangan.py", default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "Cadangan Data"
    assert not [b for b in at.get("download_button")]  # nothing to download yet
    at.button(key="cadangan_buat").click().run()
    assert not at.exception
    assert any("pemeriksaan integritas baik" in s.value for s in at.success)
    download = next(iter(at.get("download_button")))
    ready = at.session_state[READY_KEY]
    assert ready["name"].startswith("kinerja_cadangan_") and ready["name"].endswith(".db")
    info = check_backup(ready["path"])
    assert info.rows["submissions"] == 10  # the demo: five bidang, two years
    with sqlite3.connect(ready["path"]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert download.proto.label == "Unduh cadangan (.db)"
    audit = Store(demo_db).audit()
    assert audit.iloc[0]["action"] == "buat cadangan"

    at.button(key="cadangan_buat").click().run()  # a second backup replaces the first file
    assert not Path(ready["path"]).exists()
    assert Path(at.session_state[READY_KEY]["path"]).is_file()
