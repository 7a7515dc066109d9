"""Numbered messages, so any error a user sees can be searched for in the code and the docs.

Raise as `InputError(source, Errors.E001.format(size=..., limit=...))`; the CLI prints one line:
`newsledger: error: <source>: [E001] <reason>` and never a traceback for bad input.
"""

from __future__ import annotations


class Errors:
    # Reading input (ingest/)
    E001 = "[E001] file is empty"
    E002 = "[E002] file is {size} bytes, over the limit of {limit} bytes (see --max-bytes)"
    E003 = "[E003] looks like binary data, not text ({reason})"
    E004 = "[E004] cannot decode the text: {reason}"
    E005 = "[E005] broken JSON: {reason}"
    E006 = "[E006] JSON record has no usable 'text' field"
    E007 = "[E007] no article text found in the HTML"
    E008 = "[E008] not English (looks like {language})"
    E009 = "[E009] unsupported input type '{suffix}' (expected .txt, .html, .htm, .json, .jsonl)"
    E010 = "[E010] cannot read the file: {reason}"
    E011 = "[E011] invalid publication date '{value}' (expected YYYY-MM-DD)"
    E012 = "[E012] text has no words after normalization"
    E013 = "[E013] broken XML/feed: {reason}"
    E014 = "[E014] broken WARC record: {reason}"
    E015 = "[E015] path escapes the allowed folder"
    E016 = "[E016] {part} is over the limit of {limit} bytes (see --max-bytes)"
    E017 = "[E017] reading this input failed ({error}: {reason})"
    E018 = "[E018] invalid characters in the {field}: {reason}"
    # Pipeline (nlp/, extract/)
    E101 = "[E101] pipeline component '{name}' failed: {reason}"
    E102 = "[E102] spaCy model '{model}' is not installed; run the set-up command in README.md"
    E103 = "[E103] text is {chars} characters, over the pipeline's limit of {limit} (split the article)"
    E104 = "[E104] text is {chars} characters, over the per-article budget of {limit} (split the article)"
    E105 = "[E105] processing took longer than the per-article budget of {seconds:g} seconds"
    # Evaluation (eval/)
    E201 = "[E201] no gold data found at {path}"
    E202 = "[E202] cannot parse gold file {path}: {reason}"
    # Store (store/)
    E301 = "[E301] cannot open database {url}: {reason}"
    E302 = "[E302] database schema is at revision {found}, this version needs {needed}; run `newsledger db upgrade`"
    # Batch (batch/)
    E701 = "[E701] cannot reach the Dask scheduler at {address}: {reason}"
    E702 = "[E702] no such file or folder"
    E703 = "[E703] broken Parquet file: {reason}"
    E704 = "[E704] {path} is not a batch output (no {manifest})"
    E705 = "[E705] partition {index} failed on the cluster: {reason}"
    E706 = "[E706] the batch in {path} is unfinished ({done} of {planned} partitions); run the same batch again"
    E707 = "[E707] the batch in {path} is unreadable: {reason}"


class NewsledgerError(Exception):
    """Base class for errors that are reported to the user as one line."""


class InputError(NewsledgerError):
    """A bad input: reported with the input's name and the reason, recorded, and the run goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    @property
    def code(self) -> str:
        """The error number ("E003"), for grouping rejections in summaries."""
        return self.reason[1:5] if self.reason.startswith("[E") else "E000"
