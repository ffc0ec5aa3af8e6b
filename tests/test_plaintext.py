"""plaintext: untrusted text stays text in Markdown, st.table and Plotly/HTML contexts."""

from __future__ import annotations

import html as html_lib
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core.plaintext import html, md, md_frame

HOSTILE = "![x](http://127.0.0.1:9/x.png) **tebal**"


def _as_rendered(escaped: str) -> str:
    """What CommonMark shows for an ``md`` result: escapes resolved, joiners invisible."""
    text = escaped.replace("  \n", "\n").replace("\u2060", "")
    return re.sub(r"\\(.)", r"\1", text)


def test_markdown_syntax_is_escaped():
    escaped = md(HOSTILE)
    assert "![" not in escaped and "](" not in escaped and "**" not in escaped
    assert escaped.startswith(r"\!\[x\]\(")
    assert _as_rendered(escaped) == HOSTILE


def test_streamlit_directives_and_math_are_escaped():
    for text in (":red[merah]", ":material/home:", ":smile:", "$x^2$", "<b>h</b>", "&copy;"):
        escaped = md(text)
        assert re.search(r"(?<!\\)[:$<&\[]", escaped) is None, escaped


def test_automatic_links_are_broken_invisibly():
    for text in ("http://a.b", "HTTPS://a.b", "www.example.com", "admin@dinas.go.id"):
        escaped = md(text)
        assert "\u2060" in escaped
        assert _as_rendered(escaped) == text


def test_line_breaks_stay_line_breaks_and_nothing_else_changes():
    assert md("baris 1\nbaris 2") == "baris 1  \nbaris 2"
    assert md("Bidang Statistik") == "Bidang Statistik"
    assert md(None) == "" and md(12) == "12"


@given(st.text(st.characters(exclude_characters="\u2060")))
def test_any_text_renders_as_itself(text):
    assert _as_rendered(md(text)) == text.replace("\r\n", "\n")


def test_table_cells_index_and_headers():
    frame = pd.DataFrame({"Bidang **x**": [HOSTILE, 3]}, index=pd.Index(["[a](b)", "c"]))
    shown = md_frame(frame)
    assert shown.iloc[0, 0] == md(HOSTILE) and shown.iloc[1, 0] == 3
    assert list(shown.columns) == [md("Bidang **x**")]
    assert shown.index[0] == md("[a](b)")
    assert frame.iloc[0, 0] == HOSTILE  # the caller's frame is untouched


@given(st.text())
def test_html_escapes_and_round_trips(text):
    escaped = html(text).replace("<br>", "\n")
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert html_lib.unescape(escaped) == expected


def test_html_has_no_blank_line_to_end_a_snippet():
    assert html("a\n\n![x](http://h/x.png)") == "a<br><br>![x](http://h/x.png)"


def test_html_attribute_keeps_line_breaks_as_character_references():
    assert html('a\n"b"', attribute=True) == "a&#10;&quot;b&quot;"
