"""Kinerja core: the domain model, formulas, ingest, storage, analysis and exports.

Pure Python with no Streamlit import, so the CLI, the tests and the app share one core.
"""
