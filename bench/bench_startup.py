"""Time from `streamlit run app.py` to a fully rendered Beranda, on an empty database.

The first start seeds the demo data, so this is the worst case a newcomer sees.
Usage: .venv/bin/python bench/bench_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_run(browser) -> tuple[float, float]:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KINERJA_DB": str(Path(tmp) / "k.db")}
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)
            healthy = time.perf_counter() - start
            page = browser.new_page()
            page.goto(url)
            page.get_by_text("Rata-rata capaian kinerja").first.wait_for(timeout=60_000)
            page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
            rendered = time.perf_counter() - start
            page.close()
            return healthy, rendered
        finally:
            process.terminate()
            process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        results = [one_run(browser) for _ in range(runs)]
        browser.close()
    print(f"{'run':>4} {'server up (s)':>14} {'Beranda rendered (s)':>21}")
    for i, (healthy, rendered) in enumerate(results, 1):
        print(f"{i:>4} {healthy:>14.2f} {rendered:>21.2f}")
    best_server = min(r[0] for r in results)
    best_page = min(r[1] for r in results)
    print(f"best: server {best_server:.2f} s, Beranda {best_page:.2f} s")


if __name__ == "__main__":
    main()
