"""Streamlit-side helpers shared by the pages: cached store and analysis, period picker."""
