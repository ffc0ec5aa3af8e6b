"""Safe parsing without ``resource`` (as on Windows) behaves exactly as on Linux.

A child Python starts with a ``sitecustomize`` that makes ``import resource`` fail for
everything after start-up (psutil's Linux backend imports it first, as psutil has its own
Windows backend). The child and its spawned parsing workers then run the whole upload path
over every demo file and every hostile file; the outcome must equal this process's, where
``resource`` is available and the workers' address space is capped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_core.ingest import safe
from tests.ingest import pool_jobs, portable_check

REPO = Path(__file__).resolve().parents[2]
SITECUSTOMIZE = '''\
"""Test shim: `resource` cannot be imported by anything after start-up (as on Windows)."""
import sys

import psutil  # noqa: F401 — psutil's Linux backend keeps its own reference

sys.modules["resource"] = None
'''


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    safe.shutdown_workers()


@pytest.fixture(scope="module")
def without_resource(tmp_path_factory) -> dict:
    shim = tmp_path_factory.mktemp("tanpa_resource")
    (shim / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shim), str(REPO)])}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ingest.portable_check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def with_resource() -> dict:
    return portable_check.summary()


def test_the_child_really_has_no_resource(without_resource, with_resource):
    assert without_resource["address_limit"] is False
    if sys.platform.startswith("linux"):
        assert with_resource["address_limit"] is True


def test_every_demo_and_hostile_file_behaves_the_same(without_resource, with_resource):
    theirs = {f["file"]: f for f in without_resource["files"]}
    ours = {f["file"]: f for f in with_resource["files"]}
    assert list(theirs) == list(ours)
    for name, expected in ours.items():
        assert theirs[name] == expected, name
    demo = [f for f in ours.values() if "/" in f["file"]]
    assert len(demo) >= 10 and all(f["ok"] and f["indicators"] for f in demo)
    hostile = [f for f in ours.values() if "/" not in f["file"]]
    readable = {"makro.xlsm", "aplikasi_informatika.xlsx"}
    assert all(f["ok"] == (f["file"] in readable) for f in hostile), [
        (f["file"], f["errors"]) for f in hostile
    ]
    assert without_resource["stored_indicators"] == with_resource["stored_indicators"]


def test_time_and_memory_limits_hold_without_resource(without_resource, with_resource):
    assert without_resource["pool"] == {"timeout": "timeout", "memory": "memory"}
    assert with_resource["pool"] == without_resource["pool"]


def test_a_worker_that_outgrows_its_budget_is_killed_by_the_watch():
    """The job never caps itself, so only the parent's psutil watch can stop it."""
    outcome = safe._pool().run([(b"", "rakus.xlsx", {})], 300, 40, job=pool_jobs.hold_memory)[0]
    assert isinstance(outcome, safe.WorkerFailure) and outcome.kind == "memory"
    assert pool_jobs.HOLD_S >= 60  # had the watch failed, the job would have returned "ok"
