"""The view in the URL: period, rapat slide and filters as query parameters.

A refresh, the browser's back button or a shared link opens the same view. Each page
``adopt``s the parameters it knows (before its widgets are drawn) and ``publish``es what it
shows (after). A parameter is adopted only when the URL holds a value this session did not
write itself: a fresh load, a link, a hand-edited address. A value the session just changed
through a widget therefore wins over the URL it is about to replace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

_WRITTEN = "_url_ditulis"  # session: the value of each parameter this session last wrote


def adopt(parsers: Mapping[str, Callable[[str], object]]) -> dict[str, object]:
    """The URL parameters (of ``parsers``) that are new to this session, parsed.

    A value its parser refuses (ValueError) is ignored: a broken link opens the default view.
    """
    written = st.session_state.setdefault(_WRITTEN, {})
    found: dict[str, object] = {}
    for name, parse in parsers.items():
        raw = st.query_params.get(name)
        if raw is None or raw == written.get(name):
            continue
        written[name] = raw  # adopted once; the page publishes what it makes of it
        try:
            found[name] = parse(raw)
        except (TypeError, ValueError):
            continue
    return found


def publish(values: Mapping[str, str | None]) -> None:
    """Write the shown view into the URL (None or '' removes a parameter)."""
    written = st.session_state.setdefault(_WRITTEN, {})
    for name, value in values.items():
        if value is None or value == "":
            if name in st.query_params:
                del st.query_params[name]
            written.pop(name, None)
            continue
        if st.query_params.get(name) != value:
            st.query_params[name] = value
        written[name] = value


def choice(options: Mapping[str, object] | list[str]) -> Callable[[str], object]:
    """A parser accepting only the given URL words (mapped to their value when a mapping)."""

    def parse(raw: str) -> object:
        if raw not in options:
            raise ValueError(raw)
        return options[raw] if isinstance(options, Mapping) else raw

    return parse
