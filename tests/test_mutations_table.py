"""bench/mutations.py keeps measuring what it says: every mutation's text occurs exactly once
in its file and every named test file exists (a refactor that moves the code must update the
table, not silently mutate nothing)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("mutations", ROOT / "bench" / "mutations.py")
mutations = importlib.util.module_from_spec(_spec)
sys.modules["mutations"] = mutations  # dataclasses look their module up
_spec.loader.exec_module(mutations)


@pytest.mark.parametrize("mutation", mutations.MUTATIONS, ids=lambda m: m.key)
def test_each_mutation_applies_exactly_once(mutation):
    text = (ROOT / mutation.path).read_text(encoding="utf-8")
    assert text.count(mutation.old) == 1
    assert mutation.new != mutation.old
    for test in mutation.tests:
        assert (ROOT / test).is_file()


def test_every_slip_of_the_issue_is_listed():
    keys = {m.key for m in mutations.MUTATIONS}
    expected = {"pagu-mean", "efisiensi-kinerja", "ambang", "gap-cap", "predikat-bounds"}
    assert expected | {"minus-unicode", "desimal-koma"} <= keys
