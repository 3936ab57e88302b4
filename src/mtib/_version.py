"""Version strings, kept static so that importing mtib reads no metadata."""

__version__ = "0.1.0"
"""The version of the mtib package."""

DATA_VERSION = "2026.11.28"
"""The calendar version of the bundled dataset (year.month.day of its last change)."""
