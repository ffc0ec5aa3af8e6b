"""Page tests: each AppTest runs against its own copy of a database seeded with the demo."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

REPO = Path(__file__).resolve().parents[2]


def page_path(name: str) -> str:
    """Absolute path of a page script, for AppTest.from_file."""
    return str(REPO / "pages" / name)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    from kinerja_core.bootstrap import seed_demo
    from kinerja_core.store import Store

    path = tmp_path_factory.mktemp("seed") / "demo.db"
    store = Store(f"sqlite:///{path}")
    seed_demo(store)
    store.engine.dispose()
    return path


@pytest.fixture
def demo_db(seeded_db, tmp_path, monkeypatch) -> Path:
    """KINERJA_DB points at a fresh copy of the seeded demo database."""
    path = tmp_path / "kinerja.db"
    shutil.copy(seeded_db, path)
    monkeypatch.setenv("KINERJA_DB", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path, monkeypatch) -> Path:
    """KINERJA_DB points at a new database (the app seeds it on first start)."""
    path = tmp_path / "kosong.db"
    monkeypatch.setenv("KINERJA_DB", str(path))
    return path


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
