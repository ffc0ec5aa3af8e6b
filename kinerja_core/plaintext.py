"""Text that came from a file or a person stays text wherever it is shown.

A bidang, indikator, uraian, faktor, file name, note or uploader may hold anything, e.g.
``![x](http://host/x.png) **tebal**``. Shown through Streamlit's Markdown (``st.markdown``,
``st.write`` of a string, captions, alerts, widget/expander/tab labels, ``st.table``
cells) it would load a remote image, become a link or turn bold; shown in a Plotly label or
hover, ``<a href=…>`` would become a link. Use:

- ``md(text)`` for anything Streamlit renders as Markdown: every ASCII punctuation mark is
  backslash-escaped (CommonMark shows it literally; Streamlit's ``:color[…]``, ``:icon:``
  and ``$math$`` directives respect the escapes), and the spots where GitHub's automatic
  links start (``http://``, ``www.``, ``@``) get an invisible word joiner, because that
  linking runs on the text after escapes are resolved;
- ``md_frame(frame)`` for a DataFrame shown with ``st.table`` (cells, index, headers);
- ``html(text)`` for Plotly labels, hovers and titles, and for the app's own
  ``unsafe_allow_html`` snippets.

Never use them for ``st.dataframe``/``st.data_editor``, select options, ``st.code`` or
``st.text``: those show text as it is, and would show the backslashes.
"""

from __future__ import annotations

import html as _html
import re
import string

import pandas as pd

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_WORD_JOINER = "\u2060"
# Where GitHub-flavoured Markdown starts an automatic link (after escapes are resolved).
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(?=\\[:.])|(?=\\@)")


def md(text: object) -> str:
    """``text`` for a Streamlit Markdown context, shown exactly as written."""
    value = "" if text is None else str(text)
    escaped = _PUNCTUATION.sub(r"\\\1", value)
    escaped = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _WORD_JOINER, escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def md_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, index and headers are ``md``-escaped."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: md(v) if isinstance(v, str) else v)
    shown.columns = [md(c) if isinstance(c, str) else c for c in shown.columns]
    shown.index = shown.index.map(lambda v: md(v) if isinstance(v, str) else v)
    if isinstance(shown.index.name, str):
        shown.index.name = md(shown.index.name)
    return shown


def html(text: object, *, attribute: bool = False) -> str:
    """``text`` for HTML: Plotly labels/hovers/titles and the app's own HTML snippets.

    Line breaks become ``<br>`` (``&#10;`` inside an ``attribute``): a blank line inside an
    HTML snippet given to st.markdown would end the HTML block and let Markdown parse the
    rest.
    """
    escaped = _html.escape("" if text is None else str(text), quote=True)
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n")
    return escaped.replace("\n", "&#10;" if attribute else "<br>")
