"""The words more than one extractor reads, each list once, with where it came from.

- `reporting`: verbs that report what someone said (with their polarity), and the named subsets the times,
  claims, quotes and events extractors read;
- `numbers`: English number words (units, tens, scales).

Words only one extractor reads stay with it (`quoting/lexicon.py`, `timex/vocabulary.py`, `event_lexicon.py`).
"""
