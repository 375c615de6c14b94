"""Errors raised by the plan extraction engine: each carries a one-line message for the user."""


class ExtractionError(Exception):
    """A document could not be read or is not a plan. ``str(error)`` is one line."""


class MissingFileError(ExtractionError):
    pass


class EmptyFileError(ExtractionError):
    pass


class UnreadableFileError(ExtractionError):
    """Binary garbage, undecodable text, a corrupt Word or PDF file."""


class UnsupportedFormatError(ExtractionError):
    pass


class ScannedPdfError(ExtractionError):
    """A PDF without a text layer (a scan): it needs OCR first."""


class FileTooLargeError(ExtractionError):
    pass


class NotAPlanError(ExtractionError):
    pass


class TooComplexError(ExtractionError):
    """A file that would cost the server too much to read (``lanhmanh.uploads``): too
    many parts, paragraphs, lines or pages, or packed like a zip bomb. ``refusal`` is the
    ``UploadRefused`` saying which limit, for the caller to translate."""

    def __init__(self, name: str, refusal):
        self.refusal = refusal
        super().__init__(f"{name}: {refusal}")
