"""Shared Streamlit code: cached data access, filters, charts and layout for the pages."""
