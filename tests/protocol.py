"""A Streamlit server on 127.0.0.1 and sessions that speak the browser's protocol.

``Server`` runs ``streamlit run app.py`` on a free local port for a ``with`` block;
``Session`` is one browser tab without a browser: it sends ``rerun_script`` BackMsgs with
its widget states over ``/_stcore/stream`` and reads the ForwardMsgs until the script run
finishes, keeping the elements it received (texts, metrics) and the ids of the widgets
(by key, or by label for widgets without a key). Used by the two-server consistency test
and by ``bench/serve.py``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``streamlit run app.py`` on 127.0.0.1 for the duration of a ``with`` block."""

    def __init__(self, db: Path, extra_env: dict | None = None) -> None:
        self.db = db
        self.port = free_port()
        self.extra_env = extra_env or {}

    def __enter__(self) -> Server:
        env = {**os.environ, "KINERJA_DB": str(self.db), **self.extra_env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--server.enableXsrfProtection", "false",
             "--browser.gatherUsageStats", "false"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def cpu_s(self) -> float:
        times = psutil.Process(self.process.pid).cpu_times()
        return times.user + times.system

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Session:
    """One browser tab, spoken at the protocol level."""

    def __init__(self, server: Server, page: str, peran: str | None = "admin") -> None:
        self.server = server
        self.page = page
        self.peran = peran  # logged in as the test account of this role (None: logged out)
        self.widget_ids: dict[str, str] = {}  # user key (or "label:<label>") -> widget id
        self.elements: list = []  # (kind, element) of the last run
        self.states: dict[str, object] = {}  # widget id -> WidgetState
        self.session_id = ""
        self.ws = None

    async def __aenter__(self) -> Session:
        import websockets

        url = f"ws://127.0.0.1:{self.server.port}/_stcore/stream"
        headers = {}
        if self.peran:
            from kinerja_core.store import Store
            from tests.login import session_token

            store = Store(f"sqlite:///{self.server.db}")
            headers["Cookie"] = f"kinerja_sesi={session_token(store, self.peran)}"
            store.engine.dispose()
        self.ws = await websockets.connect(
            url,
            additional_headers=headers,
            subprotocols=["streamlit"],
            max_size=None,
            compression=None,
            open_timeout=60,
            ping_interval=None,  # a busy server answers pings late; the rerun has its own timeout
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    def set_radio(self, key: str, index: int) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.widget_ids[key], int_value=index)
        self.states[state.id] = state

    def set_text(self, key: str, value: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.widget_ids[key], string_value=value)
        self.states[state.id] = state

    def click(self, key: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.widget_ids[key], trigger_value=True)
        self.states[state.id] = state

    def set_uploaded(self, key: str, files: list[tuple[str, str, int]]) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.widget_ids[key])
        infos = state.file_uploader_state_value.uploaded_file_info
        for file_id, name, size in files:
            infos.add(file_id=file_id, name=name, size=size)
        self.states[state.id] = state

    async def rerun(self, timeout: float = 300.0) -> tuple[float, int]:
        """Send a rerun with the current widget states; (seconds, bytes received)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.page_name = self.page
        message.rerun_script.widget_states.widgets.extend(self.states.values())
        self.elements = []
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        received = 0
        deadline = start + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(deadline - time.perf_counter(), 1))
            received += len(raw)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id or self.session_id
            elif kind == "delta":
                self._note_widget(forward)
            elif kind == "script_finished" and forward.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                break
        # triggers (buttons) fire once, as in the browser
        for key, state in list(self.states.items()):
            if state.WhichOneof("value") == "trigger_value":
                del self.states[key]
        return time.perf_counter() - start, received

    def _note_widget(self, forward) -> None:
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        widget = getattr(element, kind, None) if kind else None
        if kind:
            self.elements.append((kind, widget))
        widget_id = getattr(widget, "id", "") if widget is not None else ""
        if widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            if key != "None":
                self.widget_ids[key] = widget_id
            label = getattr(widget, "label", "")
            if label:
                self.widget_ids.setdefault(f"label:{label}", widget_id)

    def texts(self) -> list[str]:
        """Markdown, captions and headings of the last run, as sent."""
        found = []
        for kind, element in self.elements:
            if kind in ("markdown", "heading"):
                found.append(element.body)
        return found

    def metrics(self) -> dict[str, str]:
        return {e.label: e.body for kind, e in self.elements if kind == "metric"}
