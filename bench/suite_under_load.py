"""The test suite several times in a row on a loaded machine: does it tell the truth?

    .venv/bin/python bench/suite_under_load.py                          # 3 runs, 1 busy core
    .venv/bin/python bench/suite_under_load.py --runs 3 --burners 2 --command "bash .ci/run"

While the runs go on, ``--burners`` processes each keep one core busy (a Python loop at the
suite's own priority), so the app servers, Chromium and LibreOffice that the tests start
all get less CPU than they would alone: a test that reads the page before its rerun ended,
or that counts on a fixed time, fails here. Each run's pytest summary, wall time and load
average are printed and written to ``bench/.data/suite_under_load.json``; the exit code is
0 only when every run passed with nothing failed, errored or skipped.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / ".data" / "suite_under_load.json"
SUMMARY = re.compile(r"^=+ (?P<text>.*\d+ (passed|failed|error).*) in [\d.]+s", re.MULTILINE)
COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)")


def _burn() -> None:
    while True:
        pass


def pytest_counts(output: str) -> dict[str, int]:
    """The counts of pytest's last summary line in ``output`` ({} when there is none)."""
    found = SUMMARY.findall(output)
    if not found:
        return {}
    counts: dict[str, int] = {}
    for number, kind in COUNT.findall(found[-1][0]):
        counts["errors" if kind.startswith("error") else kind] = int(number)
    return counts


def one_run(command: list[str], log: Path) -> dict[str, object]:
    started = time.monotonic()
    with log.open("w") as out:
        code = subprocess.call(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    counts = pytest_counts(log.read_text(errors="replace"))
    green = (
        code == 0
        and counts.get("passed", 0) > 0
        and not any(counts.get(k) for k in ("failed", "errors", "skipped"))
    )
    return {
        "exit_code": code,
        "counts": counts,
        "seconds": round(time.monotonic() - started),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "green": green,
        "log": str(log),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burners", type=int, default=1, help="busy processes (one core each)")
    parser.add_argument("--command", default=f"{sys.executable} -m pytest")
    parser.add_argument("--logs", type=Path, default=REPO / "bench" / ".data" / "suite_logs")
    args = parser.parse_args()
    args.logs.mkdir(parents=True, exist_ok=True)
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for burner in burners:
        burner.start()
    runs = []
    try:
        for number in range(1, args.runs + 1):
            result = one_run(shlex.split(args.command), args.logs / f"run{number}.log")
            runs.append(result)
            print(f"run {number}: {'green' if result['green'] else 'NOT GREEN'} {result}")
            sys.stdout.flush()
    finally:
        for burner in burners:
            burner.terminate()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": args.command,
        "burners": args.burners,
        "cores": os.cpu_count(),
        "runs": runs,
    }
    RESULTS.write_text(json.dumps(record, indent=2))
    green = sum(1 for run in runs if run["green"])
    print(f"{green} of {len(runs)} runs green in a row" if green == len(runs) else
          f"{green} of {len(runs)} runs green")  # fmt: skip
    return 0 if green == len(runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
