"""kinerja_core.model helpers: member_mask is pandas' isin, only faster."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core.model import member_mask

KODE = st.sampled_from(["", "2.16", "2.16.03", "2.16.03.2.01", "2.16.03.2.01.0001", "X"])


@given(st.lists(st.one_of(KODE, st.none()), max_size=30), st.sets(KODE, max_size=6))
def test_member_mask_is_isin(values, members):
    series = pd.Series(values, dtype="str")
    assert member_mask(series, members).tolist() == series.isin(members).tolist()
    assert member_mask(series, members).dtype == bool
