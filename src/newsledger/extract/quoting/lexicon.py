"""Words the quotes extractor reads besides the reporting verbs (`extract/lexicon/reporting.py`), with the
polarity an analyst reads from them.

General English, not tuned to any article: the attitude verbs news uses to report what someone holds
(criticize, praise, urge ...), nouns that carry a statement (statement, tweet), and nouns that name a speaker's
role (spokesman, official). Entries were added or dropped by how often their outputs were right on PolNeAR
train[220:840] (the commit messages give each figure).
"""

from __future__ import annotations

# Verbs of intention, attention and stance that news reports as someone's position ("plans to run", "declined
# to comment", "talked about the economy", "opposes the deal"): attributions of what someone holds or means,
# reported in the writer's words; they never attribute a quotation in marks.
STANCE_VERBS: dict[str, str] = {}
for _polarity, _words in (
    ("intend", "plan intend aim seek decide refuse decline prefer opt"),
    ("say", "talk speak refer express voice echo focus reference speculate remind remember offer"),
    ("support", "vote"),
    ("believe", "see view regard"),
    ("describe", "cast portray paint depict"),
    ("urge", "order push advocate convince persuade"),
    ("criticize", "assail rail"),
    ("praise", "credit"),
    ("describe", "deem dub brand term"),
    ("oppose", "oppose"),
):
    for _word in _words.split():
        STANCE_VERBS[_word] = _polarity

# Verbs whose content is the object of a preposition ("talked about the economy", "referred to the deal"): the
# preposition each takes for it.
TOPIC_PREPOSITIONS: dict[str, frozenset[str]] = {
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of"}),
    "refer": frozenset({"to"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "worry": frozenset({"about"}),
    "warn": frozenset({"about", "of", "against"}),
    "vote": frozenset({"for", "against"}),
    "point": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "focus": frozenset({"on"}),
    "rail": frozenset({"against", "at"}),
    "push": frozenset({"for"}),
    "advocate": frozenset({"for"}),
}

# Nouns that hold a statement, a belief or an intention, with its content after them: "the claim that …", "her
# decision to run", "their opposition to the deal". Each maps to the prepositions that introduce its content
# (empty: only a that-clause or a to-infinitive does). Left out: "support", "request", "bid" ("his bid for the
# presidency"), whose phrases mostly name an act, not a stance; nor "concerns about …" (its phrase is most often
# the topic of someone else's words on PolNeAR train).
ATTITUDE_NOUNS: dict[str, frozenset[str]] = {}
for _words, _preps in (
    (
        "claim belief feeling hope fear assumption argument assertion allegation accusation notion sense concern "
        "suggestion warning insistence conviction expectation perception impression suspicion complaint admission "
        "acknowledgment acknowledgement announcement rumor speculation theory doubt recognition realization "
        "confidence",
        "",
    ),
    ("decision determination reluctance refusal intention desire wish promise pledge vow commitment threat", ""),
    ("plan proposal demand", "for"),
    ("opposition hostility objection", "to"),
    ("criticism praise rejection condemnation denunciation", "of"),
):
    for _word in _words.split():
        ATTITUDE_NOUNS[_word] = frozenset(_preps.split())

# Adjectives of a stance held by the subject of "be" ("she was confident that …", "they are wary of him",
# "he is eager to run"): what they hold is the clause or the phrase after the adjective.
ATTITUDE_ADJECTIVES = frozenset(
    "confident eager skeptical sceptical aware unaware worried concerned sure unsure certain uncertain convinced "
    "optimistic pessimistic hopeful afraid fearful angry upset frustrated furious happy proud critical supportive "
    "wary doubtful determined willing unwilling reluctant keen adamant insistent satisfied dissatisfied "
    "disappointed nervous anxious opposed committed".split()
)

# Verbs that take something as something ("sees the state as fertile ground", "cast himself as an outsider"):
# a stance only with both the thing and the "as" phrase.
SEEING_AS_VERBS = frozenset("see view regard cast portray paint depict".split())

# Verbs that report only what is quoted next to them ("“…,” he continued"), never a clause on their own.
QUOTATION_ONLY = frozenset({"continue", "go", "read"})  # "the letter read: “…”"

# Verbs of how things look ("he seemed to hesitate"): an impression the writer reports, held by no one named.
SEEMING_VERBS = frozenset({"seem", "appear"})

# Verbs that give something a name: what they report is the name ("called it “a disaster”").
NAMING_VERBS = frozenset("call describe label dub brand term deem".split())

# Verbs whose content is their object ("dismissed the claim as false"), not only a clause.
OBJECT_CONTENT = frozenset(
    "affirm deny dismiss reject dispute refute rebut downplay discount criticize condemn denounce decry slam "
    "blast attack "
    "lambast castigate mock ridicule deride praise welcome hail applaud commend laud endorse back support defend "
    "accuse blame charge fault confirm acknowledge admit announce declare describe call cite demand request "
    "promise pledge vow guarantee threaten predict propose recommend urge ask question want".split()
)

# Verbs of criticism that are also acts of violence ("attacked the plan" against "attacked a police checkpoint"):
# with a place or a post as their object they are the act, and report nothing.
ALSO_VIOLENCE = frozenset({"attack"})

# Verbs that report only a clause ("found that …", "maintains that …"): with a plain object they do something
# else ("found a way", "maintained a lead", "advised the senator", "knows him").
CLAUSE_ONLY = frozenset("find maintain advise challenge know address answer feel think speak".split())

# Verbs whose object is whom they speak to ("told reporters that …"), never what they say.
ADDRESSEE_VERBS = frozenset(
    "tell inform brief assure warn urge ask thank remind caution implore beg press convince persuade".split()
)

# Nouns that carry a statement: "a statement by X said", "according to a report by X".
MESSAGE_NOUNS = frozenset(
    "statement report letter tweet post message release communique communiqué memo email e-mail note interview "
    "speech remarks remark comment comments announcement declaration press briefing video ad advertisement "
    "op-ed column editorial book filing filings lawsuit complaint survey poll study analysis data document "
    "documents transcript account page website blog".split()
)

# Nouns that name someone by what they do; the entity in the same phrase is whom they speak for.
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople official officials leader leaders minister ministers "
    "president secretary director chief head aide aides adviser advisor advisers advisors commander commanders "
    "representative representatives envoy ambassador diplomat diplomats source sources member members officer "
    "officers governor mayor senator lawmaker lawmakers chairman chairwoman chair general analyst analysts "
    "expert experts strategist strategists staffer staffers candidate nominee founder ceo executive manager "
    "negotiator negotiators delegate delegates delegation militant militants fighter fighters".split()
)

# Nouns that stand for a group already named ("the group said", "the alliance denied").
GROUP_NOUNS = frozenset(
    "group movement alliance organization organisation party government administration campaign agency "
    "ministry militia front coalition committee council company firm network team regime authorities "
    "leadership office department union body force forces army".split()
)

SPEAKER_PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "it": "thing",
    "i": "first",
    "we": "first",
}

# "according to", "in the words of" and the like: the object is the source of the whole sentence.
SOURCE_PREPOSITIONS = {"according": "to"}
