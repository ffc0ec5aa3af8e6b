"""The app (AppTest of app.py): an unexpected error is an Indonesian message with an
incident code; the traceback goes to the log file only. Streamlit's details are off."""

from __future__ import annotations

import re
import tomllib

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import REPO, login


def test_unexpected_error_on_a_page_is_a_message_with_a_code(demo_db, tmp_path, monkeypatch):
    log = tmp_path / "kinerja.log"
    monkeypatch.setenv("KINERJA_LOG", str(log))
    from kinerja_core import analysis

    def broken(*args, **kwargs):
        raise ZeroDivisionError("di /srv/kinerja/rahasia.py baris 12")

    monkeypatch.setattr(analysis, "headline", broken)
    at = login(AppTest.from_file(str(REPO / "app.py"), default_timeout=120)).run()
    assert not at.exception  # nothing reaches Streamlit's own error box
    shown = " ".join(e.value for e in at.error)
    code = re.search(r"kode insiden (KNJ-[0-9A-F]{6})", shown).group(1)
    assert "Terjadi kesalahan yang tidak terduga" in shown
    assert "ZeroDivisionError" not in shown and "/srv/kinerja" not in shown
    logged = log.read_text(encoding="utf-8")
    assert code in logged and "Traceback" in logged and "ZeroDivisionError" in logged
    assert "halaman Beranda" in logged


def test_streamlit_error_details_are_off_for_users():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
