"""newsledger: news reports in, a sourced ledger of events, claims and quotes out."""

__version__ = "0.1.0"
