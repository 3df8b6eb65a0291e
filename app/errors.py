"""Domain errors; the API maps them to problem details, the CLI to one-line reasons."""


class NatoRecordsError(Exception):
    """Base class of the errors this application raises on purpose."""


class UnreadableDocument(NatoRecordsError):
    """A file that cannot be read as a report: wrong format, no text, too large."""


class NotFound(NatoRecordsError):
    """A record asked for by id does not exist."""


class InvalidQuery(NatoRecordsError):
    """A query parameter that is well-formed but cannot be used (a bad cursor)."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason
