"""Streamlit-side helpers: cached loading and shared widgets. The only UI code outside pages/."""
