"""Page tests: each AppTest runs against its own copy of a database seeded with the demo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from tests import databases

REPO = Path(__file__).resolve().parents[2]


def page_path(name: str) -> str:
    """Absolute path of a page script, for AppTest.from_file."""
    return str(REPO / "pages" / name)


def login(at, peran: str = "admin", bidang: str | None = None):
    """Log ``at`` (an AppTest, before its first run) in as a person of ``peran``.

    The test account of that role (tests/login.py; a Kabid of ``bidang``, by default the
    demo's "Bidang Statistik") is made in the KINERJA_DB database when missing and a real
    session started, so the page's own check (``auth.require_page``) passes exactly as after
    a login in the browser. Returns ``at``.
    """
    from kinerja_core.store import Store, StoreUnavailable
    from kinerja_ui.auth import TOKEN_KEY
    from tests.login import session_token

    try:
        store = Store()
    except StoreUnavailable:  # the page itself says so; nothing to log in to
        return at
    at.session_state[TOKEN_KEY] = session_token(store, peran, bidang)
    store.engine.dispose()
    return at


def open_page(name: str, peran: str = "admin", bidang: str | None = None, **options):
    """``AppTest.from_file`` of ``pages/<name>`` logged in as ``peran`` (not run yet)."""
    from streamlit.testing.v1 import AppTest

    return login(AppTest.from_file(page_path(name), **options), peran, bidang)


_TEMPLATES: dict[str, str] = {}


def _seeded(backend: str, tmp_path_factory, made: list[str]) -> str:
    """The demo seeded once per backend and run; each test copies it."""
    if backend not in _TEMPLATES:
        from kinerja_core.bootstrap import seed_demo

        folder = tmp_path_factory.mktemp("seed")
        _TEMPLATES[backend] = databases.seeded_template(backend, folder, seed_demo)
        made.append(_TEMPLATES[backend])
    return _TEMPLATES[backend]


@pytest.fixture
def demo_db(db_backend, tmp_path_factory, _drop_templates, tmp_path, monkeypatch):
    """KINERJA_DB is the URL of a fresh copy of the seeded demo database (on every backend
    the run has: ``Store(demo_db)`` opens it)."""
    template = _seeded(db_backend, tmp_path_factory, _drop_templates)
    with databases.fresh_database(db_backend, tmp_path, template=template) as url:
        monkeypatch.setenv("KINERJA_DB", url)
        yield url


@pytest.fixture
def empty_db(db_url, monkeypatch) -> str:
    """KINERJA_DB is the URL of a new database (the app seeds it on first start)."""
    monkeypatch.setenv("KINERJA_DB", db_url)
    return db_url


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[bytes, str | None]]:
    """Every xlsx a page hands to a download button: {file id: (bytes, file name)}."""
    captured: dict[str, tuple[bytes, str | None]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if mimetype == XLSX:
            captured[file_id] = (path_or_data, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return captured


def as_shown(value: object) -> object:
    """What a Markdown context shows for ``plaintext.md`` text: escapes resolved."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\\(.)", r"\1", value.replace("\u2060", "").replace("  \n", "\n"))


def table_as_shown(frame):
    """An ``st.table`` value (cells, index, headers escaped with ``md_frame``) as shown."""
    shown = frame.map(as_shown)
    shown.index = shown.index.map(as_shown)
    shown.columns = [as_shown(c) for c in shown.columns]
    return shown
