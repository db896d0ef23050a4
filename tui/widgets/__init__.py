"""Reusable widgets of the app (their styles in DEFAULT_CSS)."""
