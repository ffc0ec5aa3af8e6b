"""Tables leaving the app as CSV: text that a spreadsheet would run as a formula stays text,
and numbers carry no float noise (0.0600000000000001 is 0.06). One rule for the Analisis
download and the CLI's ``hitung``."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|")
DECIMALS = 6  # below a millionth of a percent or a rupiah nothing is meaningful


def for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with floats rounded to ``DECIMALS`` and formula-like text given a leading
    apostrophe (Excel and LibreOffice show it as text and hide the apostrophe)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(DECIMALS)
        elif not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = [
                "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
                for v in out[column].fillna("").astype(str)
            ]
    return out
