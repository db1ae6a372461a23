"""assess: infrastructure and digital-foundations maturity assessment."""

__version__ = "0.1.0"
