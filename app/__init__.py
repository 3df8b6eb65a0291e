"""nato-records: NATO ministerial meeting reports as data."""

__version__ = "0.1.0"
