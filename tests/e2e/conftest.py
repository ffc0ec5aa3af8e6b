"""Browser fixtures: the real app under `streamlit run` on a free port, driven by Chromium.

The app gets a temporary database, so the demo data is seeded fresh for each session.
Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser here.

Every app started by ``running_app`` has a test account per role (tests/login.py). The
``page`` fixture is logged in as the admin; ``login(page, url, peran)`` logs a page in as
another role (use a new browser context, or ``logout(page)`` first).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

# A loaded machine reruns slowly: every expect() waits up to a minute for the state it
# asserts (Playwright's own default is 5 s), as page.set_default_timeout does for actions.
expect.set_options(timeout=60_000)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


def _make_test_accounts(db: Path) -> None:
    from kinerja_core.access import Peran
    from kinerja_core.store import Store
    from tests.login import role_account

    store = Store(f"sqlite:///{db}")
    for peran in Peran:
        role_account(store, peran.value)
    store.engine.dispose()


def login(page, url: str, peran: str = "admin", bidang: str | None = None, path: str = "") -> None:
    """Open ``url + path`` and log in there as the test account of ``peran`` (a Kabid of
    ``bidang``, default "Bidang Statistik"); returns once the page behind the form has run.
    The login cookie then keeps the page logged in across ``page.goto`` and reloads."""
    from kinerja_core.access import Peran

    role = Peran(peran)
    if role is Peran.KABID and bidang not in (None, "Bidang Statistik"):
        raise ValueError("running_app makes the Kabid account of Bidang Statistik only")
    pengguna = f"uji.{role.value}" + (".bidang-statistik" if role is Peran.KABID else "")
    page.goto(url + path)
    wait_for_app(page)
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Nama pengguna").fill(pengguna)
    form.get_by_label("Kata sandi").fill(f"sandi-uji-{role.value}")
    form.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name="Keluar").wait_for(timeout=60_000)
    page.wait_for_function("document.cookie.includes('kinerja_sesi=')", timeout=60_000)
    wait_for_app(page)


def logout(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("button", name="Masuk").wait_for(timeout=60_000)


@contextmanager
def running_app(db: Path, log_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with KINERJA_DB=db; yields its base URL.

    The database gets the test accounts of every role first (an empty database is still
    seeded with the demo when the app starts: accounts do not count as data)."""
    _make_test_accounts(db)
    port = _free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=REPO,
            env={**os.environ, "KINERJA_DB": str(db)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """Base URL of a running app with its own temporary database (seeded with the demo)."""
    folder = tmp_path_factory.mktemp("app")
    with running_app(folder / "kinerja.db", folder / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium (/usr/bin/chromium) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_url):
    """A browser tab logged in as the admin (test account) on ``app_url``."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, app_url)
    yield page
    context.close()


def wait_for_app(page) -> None:
    """Wait until Streamlit says the script has finished (``data-test-script-state`` on the
    app root). A rerun that a click asked for may not have started yet: a test still waits
    for the state it asserts (a text, a row count), never for a fixed time."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )


def click_grid_until(page, appears, x: float, y: float, keys: tuple[str, ...] = ()) -> None:
    """Click the page's first grid at (``x``, ``y``) from its top-left corner, press ``keys``,
    and wait for ``appears``. A rerun that redraws the grid just as it is clicked loses the
    click (or the focus the keys needed); then the grid is clicked again once the app is idle:
    the test waits for the state it wants, never for a fixed time."""
    for _attempt in range(5):
        wait_for_app(page)
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + x, box["y"] + y)
        for key in keys:
            page.keyboard.press(key)
        try:
            appears.wait_for(timeout=20_000)
            return
        except PlaywrightTimeout:
            if keys:
                page.keyboard.press("Escape")  # whatever the keys half-opened
    raise AssertionError(f"clicking the grid at ({x}, {y}) never showed {appears}")


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def pick_option(page, key: str, option: str) -> None:
    """Open the selectbox with widget key ``key`` and choose ``option``.

    The whole widget is scrolled into view first: a box cut off by the bottom of the sidebar
    scrolls itself into view when it takes the focus, and that scroll closes the list it was
    about to open (a 1366×768 window with the period picker low in the sidebar)."""
    widget = page.locator(f".st-key-{key}")
    widget.scroll_into_view_if_needed()
    widget.locator('[role="combobox"]').click()
    page.get_by_role("option", name=option, exact=True).click()
