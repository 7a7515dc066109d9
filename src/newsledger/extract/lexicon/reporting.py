"""Verbs that report what someone said, with the polarity an analyst reads from them, and the subsets of
them other extractors read.

Source: general English, written for newsledger and not tuned to any article; the base list grew with the
quotes extractor, entries kept or dropped by how often their outputs were right on PolNeAR train[220:840] (see
the history of extract/quoting/lexicon.py, where it lived). Each subset below says what it is for and why it
is smaller than the base list; tests/extract/lexicon/test_reporting.py holds every subset to the base list.
"""

from __future__ import annotations

# lemma -> polarity: the base list. Quotes read all of it (extract/quoting/).
REPORTING_VERBS: dict[str, str] = {}


def _add(polarity: str, words: str) -> None:
    for word in words.split():
        REPORTING_VERBS[word] = polarity


_add(
    "say",
    "say tell add state note explain write report announce declare remark comment reply respond answer continue "
    "recall observe mention describe testify tweet post quote cite reiterate repeat stress emphasize "
    "underline point indicate disclose reveal inform brief recount relate narrate joke quip muse concede "
    "conclude summarize predict estimate forecast signal hint imply suggest propose recommend advise "
    "argue reason contend maintain insist assert allege claim acknowledge admit confess agree "
    "complain lament grumble protest object shout yell scream exclaim chant cry whisper mutter "
    "retort counter snap quip discuss address highlight tout recommend list interject bark scoff sneer chide "
    "opine gush rant concur read",
)
_add("claim", "claim allege assert contend insist maintain argue purport boast brag")
_add("deny", "deny refute dispute reject rebut contradict disavow")
_add("dismiss", "dismiss downplay discount brush")
_add("confirm", "confirm acknowledge admit affirm verify concede corroborate")
_add("warn", "warn caution threaten")
_add("urge", "urge call demand appeal implore beg request press plead exhort")
_add("ask", "ask question wonder inquire query challenge")
_add("pledge", "pledge promise vow assure guarantee swear")
_add("accuse", "accuse blame charge fault")
_add("criticize", "criticize condemn denounce decry slam blast attack lambast castigate mock ridicule deride")
_add("praise", "praise welcome hail applaud commend laud thank congratulate endorse back support defend")
_add("believe", "believe think feel hope fear worry expect doubt know consider reckon suspect want wish")
_add("find", "find show reveal suggest indicate conclude")

# Polarities of words spoken, which "according to" can relay; not beliefs, findings or praise (quotes: "according
# to A, B said …" relays B's words through A, "according to A, B decided …" is A's account of what B did).
SPOKEN_POLARITIES = frozenset({"say", "claim", "deny", "dismiss", "confirm", "warn", "urge", "ask", "pledge", "accuse"})

# The plainest verbs of saying, whose tense shows how a report narrates (times: counted to tell a report told in
# the present, "X says", from one told in the past, "X said", which dates a statement quoted with "today").
NARRATING_VERBS = frozenset({"say", "tell", "state", "add", "claim", "insist", "announce"})

# Verbs whose headline present places the date they govern in the past (times: "the ministry says Monday" is
# what was said Monday): the narrating verbs and three more. Both sets are as the times extractor was written
# with them (TBAQ value F1 0.78 then); no measurement has chosen between them, so they stay two.
HEADLINE_PRESENT_VERBS = NARRATING_VERBS | {"report", "confirm", "deny"}

# Reporting words a claim's proposition leaves out when two claims are compared (claims), with the inflected
# forms the lemmatizer leaves in headlines ("says", "said", "reports").
UNCOMPARED_REPORTING_WORDS = frozenset({"say", "tell", "claim", "deny", "dismiss", "confirm", "report"}) | {
    "says",
    "said",
    "reports",
}

# Verbs of saying, believing and showing that report an event and are never one themselves (events, places:
# "said the town had fallen" reports the fall). "allege" is left out, as the events extractor was written (its
# commit gives no reason); it is one of CLAIM_VERBS, which give the event its status.
SPEECH_VERBS = frozenset(
    "say tell add state note explain report announce declare claim insist assert deny dismiss confirm "
    "affirm acknowledge admit reiterate stress write tweet believe think fear show suggest indicate "
    "reveal describe".split()
)

# Verbs whose reported event is claimed or denied (events: the event's status).
CLAIM_VERBS = frozenset({"say", "claim", "allege", "assert", "insist", "declare", "maintain", "contend", "tell"})
DENY_VERBS = frozenset({"deny", "dismiss", "refute", "rebut", "reject", "dispute"})
