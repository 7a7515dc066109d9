"""Whether an event candidate's sentence reports a happening at all, or only uses the trigger word.

`events.sentence_triggers` keeps a candidate only when `unreported(...)` finds no reason to drop it. What is
dropped here is never an event, whatever status it would get:
- a generic or habitual statement, with no particular doer, undergoer or time: a present tense whose subject
  is a kind ("low rates help the economy", "people who live under the threat of crime", "your car gets
  frozen"), a stance towards a kind of thing ("supports pay raises", "I support indexing the wage"), or a
  habit ("usually helps");
- a stance or speech act that was not taken: only intended, supposed, conditioned or negated ("I will oppose",
  "would endorse", "is considering an endorsement", "did not criticise"). Plans, promises and conditions of
  other acts stay, with their status (a meeting planned in Geneva is news);
- a literal sense that is not the PLOVER act: "asked" that introduces a question, an
  "opportunity" offered, a story "shared" with no partner, a car "frozen" into ice, workers "released" into
  the labour market, a plan that "threatens" jobs;
- an event noun of a stance or exchange that names no participant and no time ("the impact of trade
  agreements", "arbitrary pay freezes"): a kind of act, not one act.
Word senses that are no event of the type at all ("a news release", "committed a crime", "fired him") are
decided before, in `events._in_its_sense`, their one home.
Violence, protest, coercion and their like are only dropped as generic statements; their modality stays a
status (`events.event_status`), since gold event sets (WikiEvents, the seed) count planned and denied acts.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsledger.extract.argument_actors import ACTOR_NOUNS
from newsledger.extract.entities import headline_region
from newsledger.extract.event_lexicon import LIGHT_VERBS, PEOPLE_WORDS
from newsledger.nlp.arrays import sentence_of
from newsledger.nlp.state import DocState, doc_text

# PLOVER types that are a stance taken or a speech act: the act is the saying, so one not said is nothing.
STANCE_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "REQUEST", "DEMAND"})
# PLOVER types whose sense needs a doer who can act: a plan or a rate neither helps nor threatens anyone.
AGENTIVE_TYPES = frozenset({"AID", "SUPPORT", "THREATEN", "COOPERATE"})
# PLOVER types of words and exchanges rather than force.
VERBAL_TYPES = frozenset(
    "AID SUPPORT REQUEST REJECT AGREE THREATEN SANCTION RETREAT COOPERATE CONSULT DEMAND ACCUSE".split()
)
# PLOVER types whose act towards a kind of thing is a standing position ("supports pay raises"); a request to a
# kind of people ("urges motorists to …") is still one act.
_STANCE_ON_KINDS_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "AID", "COOPERATE"})
# PLOVER types whose bare nouns name a kind of act as often as an act ("trade agreements", "threats").
NOMINAL_KIND_TYPES = frozenset(
    {"AID", "SUPPORT", "REQUEST", "REJECT", "AGREE", "THREATEN", "SANCTION", "COOPERATE", "CONSULT", "DEMAND"}
)

_MODALS = frozenset(
    {"will", "would", "could", "might", "may", "should", "shall", "must", "can", "'ll", "'d", "wo", "ca"}
)
# Verbs whose complement is only intended or weighed ("considering an endorsement", "plans to oppose").
_INTENTION_VERBS = frozenset(
    "consider plan intend want hope seek expect aim propose try prepare weigh mull contemplate like wish".split()
)
# Verbs of wanting and weighing: their complement has not been done, nor even planned.
_DESIRE_VERBS = frozenset("want hope wish like love consider contemplate mull weigh".split())
# Verbs that utter a noun's act ("issued a demand", "voiced support").
_UTTERING_VERBS = frozenset("issue voice express file lodge submit deliver offer extend".split())
# Verbs whose infinitive is promised, threatened or refused, not done ("vowed to oppose", "refused to condemn").
_UNDONE_INFINITIVE_VERBS = frozenset("promise vow pledge threaten refuse decline fail".split())
_CONDITION_MARKERS = frozenset({"if", "unless", "whether"})
_HABITUAL_ADVERBS = frozenset(
    "often usually always typically routinely regularly frequently normally commonly traditionally "
    "rarely seldom sometimes occasionally habitually".split()
)
# Subjects and possessors that speak of anyone at all.
_GENERIC_PRONOUNS = frozenset(
    "you one anyone everyone everybody anybody whoever nobody anything something everything nothing".split()
)
_GENERIC_POSSESSIVES = frozenset({"your", "one's"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUANTIFIERS = frozenset({"any", "every", "each", "all", "no"})
_PERSONAL_PRONOUNS = frozenset("i we he she they it me us him her them my our his its their who whom whose".split())
# Common nouns of bodies that act (beside the actor lexicon and people words), and of texts that carry a
# body's word ("the resolution supports …").
_AGENT_NOUNS = frozenset(
    "country countries nation nations state states government governments company companies firm firms bank banks "
    "court courts party parties campaign campaigns committee committees council councils agency agencies union "
    "unions board boards city cities administration ministry ministries department departments organization "
    "organisation organizations organisations parliament congress senate house team teams community communities "
    "family families church churches school schools university universities charity charities "
    "resolution resolutions statement statements declaration letter communique foundation foundations "
    "institution institutions association associations federation federations coalition coalitions corporation "
    "corporations commission commissions delegation delegations congregation mission missions".split()
)
# Endings of abstract nouns, which name no one who could act ("attention", "the movement", "uncertainty").
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism")
_FORCES_OF_NATURE = frozenset("weather rain storm storms flood floods drought heat snow wind winds".split())
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")
# What one offers that is no undertaking to another party: a chance, a service, an opinion.
_OFFERED_THINGS = frozenset(
    "opportunity opportunities chance chances option options choice choices discount discounts service services "
    "course courses class classes program programs programme programmes job jobs position glimpse insight insights "
    "explanation advice tip tips comment comments thought thoughts view views perspective perspectives "
    "reward rewards prize prizes incentive incentives workshop workshops seminar seminars session sessions "
    "training lesson lessons tour tours hall leave benefit benefits insurance coverage discount "
    "scholarship scholarships contrast look window reminder example hint picture sense taste preview "
    "snapshot".split()
)
# What one shares with no partner that is no cooperation: a story, a view, a feature in common.
_SHARED_THINGS = frozenset(
    "story stories photo photos picture pictures video videos view views thought thoughts experience experiences "
    "memory memories post posts link links message messages concern concerns feeling feelings opinion opinions "
    "border borders goal goals value values name names trait traits credit blame passion love joy laugh "
    "recipe recipes tip tips secret secrets insight insights detail details".split()
)
# What states and agencies share as cooperation, partner named or not ("share intelligence").
_SHARED_KNOWLEDGE = frozenset("intelligence information data technology expertise resources evidence".split())
# What a sanction freezes: money, a process, a relation.
_FREEZABLE = frozenset(
    "asset assets account accounts fund funds funding money aid payment payments pay wage wages salary salaries "
    "hiring recruitment budget spending price prices rent rents rate rates talk talks relation relations tie ties "
    "program programs programme programmes cooperation membership construction settlement settlements deportation "
    "deportations enrichment loan loans grant grants benefit benefits contract contracts property properties "
    "holding holdings transfer transfers process negotiation negotiations".split()
)
_TIME_ADVERBS = frozenset({"recently", "yesterday", "today", "tonight", "earlier", "later", "now", "currently"})
_HEADLINE_TOKENS = 20
# Opening lines set off by a blank line are a headline up to this many lines and words (a wire's headline and deck).
_HEADLINE_LINES = 3
_HEADLINE_WORDS = 30
_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})
_COMMENT_VERBS = frozenset(
    "comment discuss say elaborate answer speak respond confirm identify name specify disclose talk reply".split()
)
# What one asks someone for when it is the verb's own object: "asked a favor", "asked permission".
_ASKED_THINGS = frozenset(
    "favor favour favors favours permission help forgiveness support money funds aid assistance resignation".split()
)
_MET_STANDARDS = frozenset(
    "demand demands need needs goal goals target targets deadline deadlines standard standards requirement "
    "requirements expectation expectations criteria criterion threshold obligation obligations challenge quota "
    "quotas bar limit limits benchmark benchmarks condition conditions qualification qualifications test "
    "definition".split()
)
_RECORDERS = frozenset("camera cameras video videos footage photographer photographers lens recording".split())
_CAPTURED_SENSES = frozenset(
    "moment moments image images imagination attention heart hearts mood spirit essence vote votes title "
    "nomination award prize market share footage crown crowns championship championships trophy cup medal medals "
    "ambiguity greatness soul frustration feeling feelings mind minds momentum magic nuance energy zeitgeist "
    "experience beauty emotion emotions anger anxiety fear fears hope hopes presidency markets lead economy "
    "industry company audience "
    "seat seats majority victory".split()
)
_FIRED_WORDS = frozenset("question questions broadside email emails letter tweet tweets".split())
# What is fired in a shooting; anyone or anything else fired is dismissed.
PROJECTILES = frozenset(
    "shot shots round rounds bullet bullets rocket rockets missile missiles shell shells mortar mortars gun guns "
    "weapon weapons cannon cannons salvo salvos volley volleys gas grenade grenades projectile projectiles "
    "artillery flare flares torpedo torpedoes dart darts arrow arrows pellet pellets warning burst bursts teargas "
    "canister canisters ammunition ammo".split()
)
_DEAL_SIZES = frozenset({"big", "great", "good", "huge", "bigger", "biggest"})
_THREAT_MAKING_VERBS = frozenset("make issue carry repeat renew voice utter send deliver receive".split())
_PUBLISHED = frozenset(
    "report reports photo photos image images picture pictures statement statements video videos document "
    "documents record records data figure figures list transcript transcripts footage result results study "
    "poll survey book album film ad ads letter letters email emails memo tape tapes audio recording".split()
)
_CUSTODY = frozenset({"custody", "care"})


def unreported(token: Token, event_type: str, state: DocState) -> str | None:
    """Why the candidate at `token` reports no happening of `event_type` (the class's name), or None to keep it."""
    if event_type in STANCE_TYPES and _not_taken(token):
        return "stance not taken"
    if event_type in VERBAL_TYPES and _only_wished(token):
        return "only wished"
    if event_type in VERBAL_TYPES and token.pos_ == "VERB" and (_in_question(token) or _asked_directly(token)):
        return "questioned"
    if event_type in VERBAL_TYPES and _advice_to_anyone(token):
        return "generic"
    if event_type in AGENTIVE_TYPES and token.pos_ == "VERB" and _figure_of_speech(token, state):
        return "no one acts"
    literal = _literal_sense(token, event_type, state)
    if literal is not None:
        return literal
    if _generic(token, event_type, state):
        return "generic"
    # a bomb warning was passed on before its bomb (the trigger asks for both): one happening, if bare and plural
    bomb_warning = event_type == "THREATEN" and token.lemma_.lower() == "warning"
    if event_type in NOMINAL_KIND_TYPES and not bomb_warning and _kind_of_act(token, state):
        return "kind of act"
    return None


# --- stance not taken --------------------------------------------------------------------------------------


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds the trigger: the trigger itself, or the verb a noun trigger hangs from."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def _only_wished(token: Token) -> bool:
    """An act someone only wants, hopes for or weighs ("we want to help", "hopes to meet", "look forward to a
    long partnership"), unlike one that is planned or expected, which keeps its status."""
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "to":
        looking = token.head.head
        if looking.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in looking.children):
            return True
    below = token
    head = token.head
    for _ in range(2):
        if below.dep_ not in ("xcomp", "dobj") or head.i == below.i:
            return False
        if head.pos_ == "VERB" and head.lemma_.lower() in _DESIRE_VERBS:
            return True
        below, head = head, head.head
    return False


def _not_taken(token: Token) -> bool:
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return True  # "no endorsement"
        # a noun's act is only as real as the verb that carries it out or weighs it ("would make a plea",
        # "is considering an endorsement"), not the verb it is a topic of ("did not respond to requests")
        verb = token.head
        if token.dep_ != "dobj" or verb.lemma_.lower() not in _INTENTION_VERBS | LIGHT_VERBS | _UTTERING_VERBS:
            return False
    else:
        verb = token
    chain = [token, verb] if verb.i != token.i else [token]
    head = verb
    for _ in range(2):  # "plans to oppose", "wants to be seen to support"
        if head.dep_ not in ("xcomp", "ccomp") or head.head.i == head.i:
            break
        head = head.head
        chain.append(head)
    for below, word in zip([None, *chain], chain, strict=False):
        children = list(word.children)
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in children):
            return True
        if any(c.dep_ == "neg" for c in children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKERS for c in children):
            return True
        if word.i == token.i or word.pos_ != "VERB":
            continue
        lemma = word.lemma_.lower()
        if lemma in _INTENTION_VERBS:
            return True  # "considering an endorsement", "plans to oppose"
        if lemma in _UNDONE_INFINITIVE_VERBS and below is not None and below.dep_ == "xcomp":
            return True
    return False


def _in_question(token: Token) -> bool:
    """A verb whose own clause is an embedded question ("questions about how much leave it offers", "asked
    whether he had met them", "unclear if they agreed"): what is asked is not reported as done."""
    if token.dep_ not in ("ccomp", "pcomp", "pobj", "xcomp", "csubj"):
        return False
    first = min(token.subtree, key=lambda t: t.i)
    if first.i >= token.i or not (
        (first.lower_ in ("whether", "if") and first.dep_ == "mark") or first.tag_ in ("WRB", "WP", "WDT")
    ):
        return False
    word = first.head
    while word.i != token.i:  # the question word opens the trigger's own clause, not one inside it
        if word.pos_ in ("VERB", "AUX"):
            return False
        word = word.head
    return True


def _asked_directly(token: Token) -> bool:
    """The main verb of a direct question: "Do you support Donald Trump?", "Will they meet again?"."""
    sentence = sentence_of(token)
    if not doc_text(token.doc)[sentence.start_char : sentence.end_char].rstrip().endswith("?"):
        return False
    if token.dep_ not in ("ROOT", "conj") or sentence[0].tag_ in ("WRB", "WP", "WDT"):
        return False  # "Why does Israel refuse …?" takes the refusal as known
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ == "aux" and c.i < subject.i for c in token.children)


def _advice_to_anyone(token: Token) -> bool:
    """ "Donations may be sent to the foundation", "donations can be made at the door": a passive with a modal and
    no one named as doing it tells readers what they may do."""
    verb = _clause_verb(token)
    if verb.i != token.i and not (token.dep_ in ("nsubjpass", "dobj") and token.head.i == verb.i):
        return False  # "details could be released due to the investigation": the investigation is no advice
    if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("may", "can", "should", "could", "must") for c in verb.children):
        return False  # "will be offered transfers" is a plan
    return not any(c.dep_ == "agent" for c in verb.children)


def _figure_of_speech(token: Token, state: DocState) -> bool:
    """Aid, support, threat or cooperation whose doer is a thing ("the fading attention helped Clinton", "the
    storm threatened the harvest"): no one's act, whatever the tense."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or not _inanimate(subject, state):
        return False
    return subject.lemma_.lower().endswith(_ABSTRACT_SUFFIXES) or _lemma_in(subject, _FORCES_OF_NATURE)


# --- literal senses ----------------------------------------------------------------------------------------


def _objects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]


def _literal_sense(token: Token, event_type: str, state: DocState) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        return _literal_noun(token, event_type, lemma, state)
    if token.pos_ != "VERB":
        return None
    children = list(token.children)
    objects = _objects(token)
    if event_type == "REQUEST" and lemma == "ask" and _when_asked(token):
        return "question"  # "When asked for his position, Trump said …": an interviewer's question
    if event_type == "REQUEST" and lemma == "ask":
        # A request asks someone to do or give something: "asked them to leave", "asked for calm", "asked that
        # the vote be delayed", "asked Congress for aid"; or a to-infinitive the parser hung lower down ("asked
        # the agencies that dealt with it to stonewall"), unless what is asked is a question.
        asks_for = any(
            c.dep_ == "xcomp"
            or (c.dep_ == "prep" and c.lower_ == "for")
            or (c.dep_ == "ccomp" and any(w.lower_ in ("to", "that") and w.dep_ in ("aux", "mark") for w in c.children))
            or (c.dep_ == "dobj" and _lemma_in(c, _ASKED_THINGS))
            for c in children
        )
        if not asks_for and _asks_a_question(token, state):
            return "question"  # "'Why?' asked X", "asked whether", "asked what he thought ... to persuade"
        hung_lower = any(
            t.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
            for t in token.subtree
            if t.i > token.i
        )
        if not asks_for and not hung_lower and not _quoted_plea(token, state):
            return "question"  # "Asked what ..., X replied", "X asked, repeating ..."
    if event_type == "AGREE" and lemma == "offer":
        offered = [*objects, *(c for c in children if c.dep_ == "dative")]
        offered += [p for o in offered for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if any(_lemma_in(o, _OFFERED_THINGS) for o in offered):
            return "offered a chance"  # "offered the opportunity", "offers new mothers eight weeks of paid leave"
    if event_type == "COOPERATE" and lemma == "share":
        partner = any(c.dep_ == "prep" and c.lower_ == "with" for c in children)
        knowledge = any(
            _lemma_in(o, _SHARED_KNOWLEDGE) or any(_lemma_in(c, _SHARED_KNOWLEDGE) for c in o.children) for o in objects
        )
        if (not partner and not knowledge) or any(_lemma_in(o, _SHARED_THINGS) for o in objects):
            return "shared"
    if event_type == "SANCTION" and lemma == "freeze":
        if not any(_lemma_in(o, _FREEZABLE) or any(_lemma_in(c, _FREEZABLE) for c in o.children) for o in objects):
            return "frozen"
    if event_type == "RETREAT" and lemma in ("release", "free"):
        into = [p for c in children if c.dep_ == "prep" and c.lower_ in ("into", "onto") for p in c.children]
        if into and not any(_lemma_in(p, _CUSTODY) for p in into):
            return "released into"  # "released into the labor market", "into the wild"
        if token.dep_ in ("acl", "relcl") and _lemma_in(token.head, _PUBLISHED):
            return "published"  # "a report released on Monday", "a handout photo released by police"
    if event_type == "REJECT" and lemma in ("decline", "refuse"):
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in _COMMENT_VERBS for c in children) or any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("comment", "interview") for c in children
        ):
            return "no comment"  # "declined to comment", "declined comment": a silence, no rejection of anything
    if event_type == "AGREE" and lemma == "agree" and _simple_present(token) and not _in_headline(token, state):
        return "opinion"  # "most Democrats agree that …": an opinion held, not an agreement reached
    if event_type == "SUPPORT" and lemma == "back":
        if any(
            c.dep_ == "prt"
            or (c.dep_ == "prep" and c.lower_ in ("out", "into", "away"))
            or (c.dep_ == "advmod" and c.lower_ in ("away", "down", "off", "out"))
            for c in children
        ):
            return "backed out"  # "backing out of a driveway", "backed down", "back away from that"
    if event_type == "AID" and lemma in ("help", "assist"):
        if any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in children):
            return "helped do"  # "helped her beat", "to help give context": a hand in something, not aid
    if event_type == "CONSULT" and lemma == "meet":
        if any(_lemma_in(o, _MET_STANDARDS) for o in objects):
            return "met a standard"  # "meeting the demand", "met the deadline"
    if event_type == "ASSAULT":
        return _not_violence(token, lemma, objects, children)
    return None


def _not_violence(token: Token, lemma: str, objects: list[Token], children: list[Token]) -> str | None:
    """Verbs of violence in their everyday senses: a warrant "executed", a moment "captured" on camera, a
    question or an employee "fired"."""
    if lemma == "execute" and objects and not any(_is_someone(o) for o in objects):
        return "carried out"  # "executed a search warrant", "a campaign executed by"
    if lemma in ("capture", "recapture"):
        agents = [p for c in children if c.dep_ == "agent" for p in c.children]
        if any(_lemma_in(w, _RECORDERS) for w in [*agents, *objects]) or any(
            _lemma_in(o, _CAPTURED_SENSES) for o in objects
        ):
            return "recorded"  # "captured by a dashboard camera", "captured the moment"
    if lemma == "fire" and objects:
        if any(_lemma_in(o, _FIRED_WORDS) for o in objects):
            return "fired words"  # "fired every question at him"
        if not any(_lemma_in(o, PROJECTILES) or o.like_num for o in objects) and not any(
            c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into") for c in children
        ):
            return "dismissed"  # "fired the principal": a dismissal, not a shooting
    return None


def _is_someone(token: Token) -> bool:
    return (
        token.ent_type_ in ("PERSON", "NORP")
        or token.lower_ in _PERSONAL_PRONOUNS
        or token.lower_ in ACTOR_NOUNS
        or (token.lower_ in PEOPLE_WORDS)
    )


def _literal_noun(token: Token, event_type: str, lemma: str, state: DocState) -> str | None:
    if event_type == "THREATEN" and lemma == "threat" and not _threat_has_a_maker(token, state):
        return "danger"  # "poses a threat to public health", "the threat that faces the country": a risk
    if event_type == "AGREE" and lemma == "deal" and any(c.lower_ in _DEAL_SIZES for c in token.children):
        return "big deal"  # "a big deal", "a great deal of credit"
    if event_type == "ASSAULT" and lemma in ("takeover", "capture", "recapture"):
        taken = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if taken and all(_lemma_in(o, _CAPTURED_SENSES) for o in taken):
            return "recorded"  # "a government takeover of the economy", "the capture of the nomination"
    return None


def _threat_has_a_maker(token: Token, state: DocState) -> bool:
    """A threat someone makes: a possessor ("its threats"), a "by"/"from" phrase, a named modifier ("a Taliban
    threat"), or a verb of making it whose subject is someone ("X issued a threat")."""
    for child in token.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ in ("compound", "amod", "nmod") and (
            child.i in state.entity_of_token or child.ent_type_ or child.lower_ in ACTOR_NOUNS
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "against"):
            return True
        if child.dep_ in ("acl", "relcl") and any(c.dep_ == "xcomp" for c in child.children):
            return True
        if child.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            return True  # "a threat to kill him"
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in _THREAT_MAKING_VERBS:
        return True
    return token.dep_ == "nsubjpass" and head.lemma_.lower() in _THREAT_MAKING_VERBS


def _when_asked(token: Token) -> bool:
    """ "When asked about it", "if asked for his view": a passive "asked" with no one named as asking, in a clause
    of time or condition, is a question put to the speaker."""
    if token.tag_ != "VBN" or token.dep_ != "advcl":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children):
        return False
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "if", "as", "once") for c in token.children)


def _quoted_plea(token: Token, state: DocState) -> bool:
    """ "'Please leave,' she asked": "asked" cues a direct quotation that asks for something, not a question."""
    quoted = [
        q
        for q in state.quotes
        if q.kind == "direct" and q.cue_start is not None and q.cue_start <= token.idx < (q.cue_end or 0)
    ]
    if any(c.dep_ == "auxpass" for c in token.children):
        return False  # "Trump was asked what he thought": a question put to him
    if any(w.lower_ in _QUESTION_WORDS for w in token.subtree if w.i > token.i):
        return False  # "asked several times whether …"
    return bool(quoted) and not _asks_a_question(token, state)


def _asks_a_question(token: Token, state: DocState) -> bool:
    """ "Asked" that puts a question: it introduces a quoted question ("'Why?' asked X"), or its complement is
    a question ("asked whether", "asked how") or a question itself ("asked a question"). "Asked about" and
    "pleaded guilty" never reach here: the events stage reads them as other senses (events._in_its_sense)."""
    quoted = [q for q in state.quotes if q.cue_start is not None and q.cue_start <= token.idx < (q.cue_end or 0)]
    if any("?" in q.text for q in quoted):
        return True  # a quoted question; a quoted plea ("'Please leave,' she asked") is a request
    for child in token.children:
        if child.dep_ == "nsubj" and child.i > token.i and "?" in token.doc[sentence_of(token).start : token.i].text:
            return True  # inverted after a quoted question: "…?" asked Bennett
        if child.dep_ == "dobj" and child.lemma_.lower() == "question":
            return True
        if child.dep_ in ("ccomp", "dobj") and any(
            w.lower_ in _QUESTION_WORDS and w.i < child.i and w.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")
            for w in child.subtree
        ):
            return True
    return False


def _lemma_in(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


# --- generic statements ------------------------------------------------------------------------------------


def _generic(token: Token, event_type: str, state: DocState) -> bool:
    if token.pos_ in ("NOUN", "PROPN") and _particular(token):
        return False  # "the explosion", "his attack": one the text points to
    verb = _clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subject = _own_or_joined_subject(verb)
    if (
        subject is not None
        and subject.lower_ in _GENERIC_PRONOUNS
        and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)
    ):
        return True  # "anyone who would like to help should send donations": advice to whoever reads
    habitual = any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in verb.children)
    if not habitual and not _simple_present(verb):
        return False
    if _in_headline(verb, state) or _anchored(verb):
        return False
    if habitual:
        return True
    if subject is not None and _generic_phrase(subject, state):
        return True
    if event_type in AGENTIVE_TYPES and subject is not None and token.i == verb.i and _inanimate(subject, state):
        return True
    if event_type in _STANCE_ON_KINDS_TYPES and token.i == verb.i:
        # a stance towards a kind of thing: "supports pay raises", "I support indexing the wage"
        for child in token.children:
            if child.dep_ in ("xcomp", "ccomp", "dobj") and child.tag_ == "VBG":
                return True
            if child.dep_ == "dobj" and _generic_phrase(child, state):
                return True
    return False


def _own_or_joined_subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is joined to by "and" ("the young ones don't see … and refuse")."""
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or current.dep_ != "conj" or current.head.i == current.i:
            return subject
        current = current.head
    return None


def _particular(noun: Token) -> bool:
    """An event noun the text points to ("the attack", "Obama's veto"), unless "the" only comes with an "of"
    phrase of a kind ("the threat of violence")."""
    pointed = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)
    if not pointed:
        return False
    of_kind = [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
    ]
    return not any(not any(d.dep_ in ("det", "poss") for d in p.children) for p in of_kind)


def _simple_present(verb: Token) -> bool:
    """A present tense with no auxiliary of time: "helps", "live", "gets frozen" (a passive with "get")."""
    if verb.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "auxpass") and c.lower_ not in ("do", "does") for c in verb.children)
    if verb.tag_ == "VBN":  # a present passive ("is supported", "gets frozen"), not a perfect ("has attacked")
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        return len(auxiliaries) == 1 and auxiliaries[0].dep_ == "auxpass" and auxiliaries[0].tag_ in ("VBZ", "VBP")
    return False


def _generic_phrase(head: Token, state: DocState) -> bool:
    """A phrase that names a kind, not someone or something in particular."""
    described = head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl"
    if described:
        head = head.head.head  # "folks who live …": the noun the clause describes
        if (
            head.tag_ == "NNS"
            and head.i not in state.entity_of_token
            and not any(c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in head.children)
        ):
            return True  # "voters who support the measure": whoever does, even of a kind that acts
    if head.i in state.entity_of_token or head.lower_ in _PERSONAL_PRONOUNS or head.lower_ in ACTOR_NOUNS:
        return False  # "police", "authorities": in a report, the ones of its place and time
    if head.lower_ in _GENERIC_PRONOUNS:
        return True
    if head.lower_ == "those" and any(c.dep_ == "relcl" for c in head.children):
        return True  # "those who support the campaign": whoever does, a kind of people
    if head.pos_ != "NOUN":
        return False
    determiners = []
    for child in head.children:
        if child.dep_ == "poss":
            if child.lower_ not in _GENERIC_POSSESSIVES:
                return False
            return True  # "your car"
        if child.dep_ in ("nummod",) or child.i in state.entity_of_token or child.ent_type_:
            return False
        if child.dep_ == "det":
            determiners.append(child.lower_)
    if determiners:
        return all(d in _QUANTIFIERS for d in determiners)
    return head.tag_ in ("NNS", "NN")


def _inanimate(subject: Token, state: DocState) -> bool:
    """A subject that is a thing, not someone who can act: "rates", "the plan", "the new law"."""
    if subject.pos_ != "NOUN" or subject.i in state.entity_of_token:
        return False
    if any(c.i in state.entity_of_token or c.dep_ == "poss" for c in subject.children):
        return False  # "Obama's plan": someone's act in a figure of speech
    word = subject.lower_
    if word in ACTOR_NOUNS or word in PEOPLE_WORDS or _lemma_in(subject, _AGENT_NOUNS):
        return False
    return not word.endswith(_AGENT_SUFFIXES)


def _anchored(verb: Token) -> bool:
    """A time or a count in the clause makes it one happening ("rebels attack a town every day" is still told
    of a time; "police arrest 20")."""
    for child in verb.children:
        if child.dep_ in ("relcl", "advcl", "ccomp", "conj", "parataxis"):
            continue
        for word in child.subtree:
            if word.ent_type_ in ("DATE", "TIME") or (
                word.dep_ == "nummod" and word.head.dep_ in ("dobj", "nsubjpass")
            ):
                return True
    return False


def _first_line_set_off(text: str, offset: int) -> bool:
    """Whether `offset` is in the text's opening lines and a blank line sets them off from the body: a wire's
    headline, with its deck ("Parents of victims sue senator;\nFoe files wrongful death claim.\n\n")."""
    blank = re.search(r"\n[ \t\xa0]*\n", text)
    if blank is None or offset >= blank.start():
        return False
    opening = text[: blank.start()]
    return opening.count("\n") < _HEADLINE_LINES and len(opening.split()) <= _HEADLINE_WORDS


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _in_headline(token: Token, state: DocState) -> bool:
    """Headlines tell what happened in the present tense: the article's headline, or a short line of its own."""
    sentence = sentence_of(token)
    text = doc_text(token.doc)
    alone = (sentence.start_char == 0 or "\n" in text[max(0, sentence.start_char - 2) : sentence.start_char]) and (
        "\n" in text[sentence.end_char - 1 : sentence.end_char + 2]
    )
    if alone and len(sentence) <= _HEADLINE_TOKENS:
        return True
    title = state.article.title if state.article is not None else None
    if sentence.start_char == 0 and title and _letters(sentence.text).startswith(_letters(title)):
        return True  # the title the text opens with, run into its first sentence ("County lifts burn ban. The …")
    last = next((t for t in reversed(sentence) if not t.is_space), sentence[-1])  # a paragraph's "\n" is no word
    if last.text not in (".", "!", "?", '"', "”", "'", "’", ")"):
        return True
    if _first_line_set_off(text, token.idx):
        return True
    region = headline_region(token.doc) if state.article is not None else None
    return region is not None and region[0] <= token.i < region[1]


# --- a kind of act -----------------------------------------------------------------------------------------


def _kind_of_act(token: Token, state: DocState) -> bool:
    """A bare event noun with no participant and no time: "the impact of trade agreements", "pay freezes"."""
    if token.pos_ != "NOUN":
        return False
    determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
    if determiners and not all(d in _QUANTIFIERS | {"a", "an", "such"} for d in determiners):
        return False
    if token.tag_ != "NNS" and not determiners:
        return False  # "support", "aid": a mass noun reads as one act as often as not
    if any(c.dep_ in ("relcl", "acl") for c in token.children):
        return False  # "an agreement that the nations reached", "an agreement to explore ways"
    if any(_participant(word, state) for word in token.subtree if word.i != token.i):
        return False
    verb = _verb_of_argument(token)
    if verb is None:
        return True
    if _anchored(verb) or any(c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") for c in verb.children):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in _TIME_ADVERBS for c in verb.children):
        return False  # "at a special meeting recently"
    subject = _subject_of(verb)
    if subject is not None and subject.i != token.i and not _generic_phrase(subject, state):
        return False  # "X signed agreements", "pledged to impose further sanctions"
    return not any(
        c.dep_ == "prep" and c.lower_ in ("with", "between") and any(_participant(w, state) for w in c.subtree)
        for c in verb.children
    )


def _verb_of_argument(noun: Token) -> Token | None:
    """The verb the noun is an argument of: its subject, object or attribute, or the object of a preposition
    on it ("ease sanctions", "took part in talks"); not a noun nested in another noun's phrase."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it completes or is joined to."""
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _participant(word: Token, state: DocState) -> bool:
    if word.i in state.entity_of_token or word.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return True
    if word.ent_type_ in ("DATE", "TIME"):
        return True  # a time makes it one act as much as a doer does
    lower = word.lower_
    if lower in _PERSONAL_PRONOUNS or lower in ACTOR_NOUNS or lower in PEOPLE_WORDS or _lemma_in(word, _AGENT_NOUNS):
        return True
    return word.pos_ == "NOUN" and lower.endswith(_AGENT_SUFFIXES) and word.tag_ == "NNS"
