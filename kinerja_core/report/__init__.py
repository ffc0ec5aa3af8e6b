"""Documents: the evaluation workbook (Ringkasan, E.81 form, per bidang, Data, Catatan).

Pure functions returning bytes; no Streamlit. See ``workbook.build_evaluation_workbook``.
"""

from kinerja_core.report.workbook import (
    MIME,
    build_evaluation_workbook,
    contents,
    file_name,
    used_submissions,
    with_kertas,
)

__all__ = [
    "MIME",
    "build_evaluation_workbook",
    "contents",
    "file_name",
    "used_submissions",
    "with_kertas",
]
