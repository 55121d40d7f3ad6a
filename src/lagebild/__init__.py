"""lagebild: sourced situation pictures from news reports."""

__version__ = "0.1.0"
