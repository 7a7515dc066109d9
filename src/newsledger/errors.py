"""Numbered messages, so any error a user sees can be searched for in the code and the docs.

Raise as `InputError(source, Errors.E001.format(size=..., limit=...))`; the CLI prints one line:
`newsledger: error: <source>: [E001] <reason>` and never a traceback for bad input.

As in spaCy's `errors.py`, a message is written once without its number; the class adds "[E001] " when the
message is read (`Errors.E001`), and the message keeps its code (`.code`) through `.format()`, so nothing parses
the number back out of the text.
"""

from __future__ import annotations

from typing import Any

UNNUMBERED = "E000"


class ErrorMessage(str):
    """A numbered message: the text the user reads ("[E002] file is …"), and its `code` ("E002")."""

    code: str

    def __new__(cls, code: str, text: str) -> ErrorMessage:
        message = super().__new__(cls, text)
        message.code = code
        return message

    def format(self, *args: Any, **kwargs: Any) -> ErrorMessage:
        return ErrorMessage(self.code, str.format(self, *args, **kwargs))

    def __add__(self, other: str) -> ErrorMessage:
        return ErrorMessage(self.code, str.__add__(self, other))

    def __reduce__(self) -> tuple[Any, ...]:
        return (ErrorMessage, (self.code, str(self)))


class ErrorsWithCodes(type):
    """Reading `Errors.E001` gives the message with its number in front, as an ErrorMessage that knows it."""

    def __getattribute__(cls, code: str) -> Any:
        message = super().__getattribute__(code)
        if code.startswith("_") or not isinstance(message, str):
            return message
        return ErrorMessage(code, f"[{code}] {message}")


def code_of(message: str) -> str:
    """The number of a message: its own when it is an ErrorMessage, otherwise E000 (unnumbered). Never read from
    the text: whatever keeps a message outside the process (a batch manifest, rejected.jsonl) keeps its code in
    a field of its own."""
    return message.code if isinstance(message, ErrorMessage) else UNNUMBERED


class Errors(metaclass=ErrorsWithCodes):
    # Reading input (ingest/)
    E001 = "file is empty"
    E002 = "file is {size} bytes, over the limit of {limit} bytes (see --max-bytes)"
    E003 = "looks like binary data, not text ({reason})"
    E004 = "cannot decode the text: {reason}"
    E005 = "broken JSON: {reason}"
    E006 = "JSON record has no usable 'text' field"
    E007 = "no article text found in the HTML"
    E008 = "not English (looks like {language})"
    E009 = "unsupported input type '{suffix}' (expected .txt, .html, .htm, .json, .jsonl)"
    E010 = "cannot read the file: {reason}"
    E011 = "invalid publication date '{value}' (expected YYYY-MM-DD)"
    E012 = "text has no words after normalization"
    E013 = "broken XML/feed: {reason}"
    E014 = "broken WARC record: {reason}"
    E015 = "path escapes the allowed folder"
    E016 = "{part} is over the limit of {limit} bytes (see --max-bytes)"
    E017 = "reading this input failed ({error}: {reason})"
    E018 = "invalid characters in the {field}: {reason}"
    E019 = "reading took longer than the budget of {seconds:g} seconds for one article"
    E020 = "the {field} is {chars} characters, over the limit of {limit}"
    E021 = "the {field} is a JSON {kind}, not text"
    # Pipeline (nlp/, extract/)
    E101 = "pipeline component '{name}' failed: {reason}"
    E102 = "spaCy model '{model}' is not installed; run the set-up command in README.md"
    E103 = "text is {chars} characters, over the pipeline's limit of {limit} (split the article)"
    E104 = "pipeline component '{name}' requires {missing}, which no component before it assigns"
    E106 = "text is {chars} characters, over the per-article budget of {limit} (split the article)"
    E107 = "processing took longer than the per-article budget of {seconds:g} seconds"
    # Evaluation (eval/)
    E201 = "no gold data found at {path}"
    E202 = "cannot parse gold file {path}: {reason}"
    E203 = (
        "the argument linker's cross-validation folds ({path}) {reason}; retrain both: "
        "python -m newsledger.eval.arguments_training ../shared/eval/events"
    )
    # Store (store/)
    E301 = "cannot open database {url}: {reason}"
    E302 = "database schema is at revision {found}, this version needs {needed}; run `newsledger db upgrade`"
    E303 = "cannot store this article: {reason}"
    # Batch (batch/)
    E701 = "cannot reach the Dask scheduler at {address}: {reason}"
    E702 = "no such file or folder"
    E703 = "broken Parquet file: {reason}"
    E704 = "{path} is not a batch output (no {manifest})"
    E705 = "partition {index} failed on the cluster: {reason}"
    E706 = "the batch in {path} is unfinished ({done} of {planned} partitions); run the same batch again"
    E707 = "the batch in {path} is unreadable: {reason}"


class NewsledgerError(Exception):
    """Base class for errors that are reported to the user as one line."""

    @property
    def code(self) -> str:
        """The error number ("E301"), E000 for an unnumbered message."""
        return self.args[0].code if self.args and isinstance(self.args[0], ErrorMessage) else UNNUMBERED


class InputError(NewsledgerError):
    """A bad input: reported with the input's name and the reason, recorded, and the run goes on."""

    def __init__(self, source: str, reason: str, *, code: str | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self._code = code or code_of(reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (InputError, (self.source, self.reason), {"_code": self._code})

    @property
    def code(self) -> str:
        """The error number ("E003"), for grouping rejections in summaries."""
        return self._code


class NotFound(NewsledgerError, LookupError):
    """No such record (an unknown event, cluster, article, actor): the desk answers 404."""


class Invalid(NewsledgerError, ValueError):
    """A request that cannot be applied as asked (a value out of its vocabulary or range, a merge of a cluster
    with itself): the desk answers 422. `field` names the field at fault, when one is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
