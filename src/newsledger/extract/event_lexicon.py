"""Word lists for events: ACLED sub-type cues, PLOVER triggers and status cues.

General knowledge of how conflict and protest reports are worded (CAMEO/PLOVER verb classes, ACLED's
sub-type definitions), not phrases of any one article. The ACLED cues are features for the sub-type
classifier: each group names a thing that separates sub-types the bag of words confuses (the weapon used,
whether the victims were civilians, who ends up holding territory).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

# the reporting verbs events read are subsets of the one list of them
from newsledger.extract.lexicon.reporting import CLAIM_VERBS as CLAIM_VERBS
from newsledger.extract.lexicon.reporting import DENY_VERBS as DENY_VERBS
from newsledger.extract.lexicon.reporting import SPEECH_VERBS as SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Group name -> regular expressions (matched case-insensitively on the sentence text).
ACLED_CUES: dict[str, tuple[str, ...]] = {
    "air": (
        r"\bair ?strikes?\b",
        r"\bair raids?\b",
        r"\bairstrik",
        r"\bwar ?planes?\b",
        r"\bjets?\b",
        r"\bfighter (?:jets?|planes?)\b",
        r"\bdrones?\b",
        r"\bhelicopters?\b",
        r"\bgunships?\b",
        r"\baircraft\b",
        r"\bbombers?\b",
        r"\baerial\b",
        r"\bair force\b",
        r"\bsorties?\b",
        r"\bcoalition (?:strike|raid)",
        r"\bbombard(?:ed|ment)? from the air\b",
        r"\bbarrel bombs?\b",
        r"\bair-?launched\b",
        r"\buav\b",
    ),
    "artillery": (
        r"\bshell(?:s|ed|ing)?\b",
        r"\bartillery\b",
        r"\bmortars?\b",
        r"\brockets?\b",
        r"\bmissiles?\b",
        r"\bprojectiles?\b",
        r"\bhowitzers?\b",
        r"\bkatyusha",
        r"\bbombard",
        r"\btank fire\b",
        r"\bfired (?:at|on|into|toward)",
        r"\bballistic\b",
    ),
    "grenade": (r"\bgrenades?\b", r"\bhand[- ]grenade", r"\brpg\b", r"\bhurled\b", r"\blobbed\b", r"\bthrew an?\b"),
    "suicide": (
        r"\bsuicide\b",
        r"\bblew (?:himself|herself|themselves) up\b",
        r"\bself-detonat",
        r"\bsuicide vest",
        r"\bexplosive vest",
        r"\bexplosive belt",
        r"\bbomber\b",
        r"\bmartyrdom\b",
        r"\bvbied\b",
    ),
    "ied": (
        r"\bied\b",
        r"\bieds\b",
        r"\bimprovised explosive",
        r"\broadside bomb",
        r"\blandmines?\b",
        r"\bmines?\b",
        r"\bcar bombs?\b",
        r"\bbomb(?:s|ing|ings)?\b",
        r"\bexplosive devices?\b",
        r"\bdetonat",
        r"\bplanted\b",
        r"\bstick(?:y)? bomb",
        r"\bblast\b",
        r"\bexplosions?\b",
        r"\bexploded\b",
    ),
    "chemical": (
        r"\bchemical\b",
        r"\bchlorine\b",
        r"\bsarin\b",
        r"\bmustard\b",
        r"\bnerve (?:agent|gas)\b",
        r"\btoxic\b",
        r"\bpoison(?:ous|ed)? gas\b",
        r"\bgas attack",
        r"\bopcw\b",
        r"\bsuffocat",
        r"\bvx\b",
        r"\bnovichok\b",
    ),
    "sexual": (r"\brap(?:e|ed|es|ing|ist)\b", r"\bsexual", r"\bsexually\b", r"\bmolest", r"\bgang-?rap"),
    "abduct": (
        r"\babduct",
        r"\bkidnap",
        r"\bhostages?\b",
        r"\bdisappear",
        r"\bcaptives?\b",
        r"\bseized (?:\w+ )?(?:people|men|women|students|workers|passengers)\b",
        r"\bransom\b",
        r"\bwhereabouts\b",
        r"\btaken captive\b",
    ),
    "civilians": (
        r"\bcivilians?\b",
        r"\bvillagers?\b",
        r"\bresidents?\b",
        r"\bwomen\b",
        r"\bchildren\b",
        r"\bworshippers?\b",
        r"\bpassengers?\b",
        r"\bfarmers?\b",
        r"\bstudents?\b",
        r"\bworkers\b",
        r"\bunarmed\b",
        r"\bfamil(?:y|ies)\b",
        r"\bgunmen\b",
        r"\bopened fire\b",
        r"\bshot dead\b",
        r"\bmassacre",
        r"\bbeheaded\b",
        r"\bexecuted\b",
        r"\bhacked\b",
        r"\bstabbed\b",
        r"\bdrive-by\b",
        r"\bmurder",
    ),
    "armed_clash": (
        r"\bclash(?:es|ed)?\b",
        r"\bfighting\b",
        r"\bfought\b",
        r"\bgun ?battles?\b",
        r"\bfirefight",
        r"\bexchange of fire\b",
        r"\bexchanged fire\b",
        r"\bambush",
        r"\bskirmish",
        r"\boffensive\b",
        r"\bassault\b",
        r"\btroops\b",
        r"\bsoldiers\b",
        r"\bmilitants?\b",
        r"\brebels?\b",
        r"\binsurgents?\b",
        r"\bfighters\b",
        r"\bmilitia",
        r"\barmy\b",
        r"\bforces\b",
        r"\brepell?ed\b",
    ),
    "territory_gov": (
        r"\bregain",
        r"\brecaptur",
        r"\bretook\b",
        r"\bretake",
        r"\bretaken\b",
        r"\bliberat",
        r"\bre-?took\b",
        r"\bregained control\b",
        r"\bcleared\b",
        r"\bflushed out\b",
        r"\bdriven out\b",
        r"\bdrove out\b",
        r"\bgovernment (?:forces|troops)\b",
        r"\b(?:army|military|troops|soldiers)\b",
        r"\bpro-government\b",
    ),
    "territory_nonstate": (
        r"\bcaptur",
        r"\bseiz(?:e|ed|es|ing)\b",
        r"\bover-?ran\b",
        r"\boverr?un\b",
        r"\btook control\b",
        r"\btaken control\b",
        r"\btake control\b",
        r"\btook over\b",
        r"\btakeover\b",
        r"\bfell to\b",
        r"\bfallen to\b",
        r"\bstormed\b",
        r"\bunder (?:the )?control of\b",
        r"\bunder (?:their|its) control\b",
        r"\bcontrol of (?:the )?(?:town|city|village|district|area|region|base)",
    ),
    "withdraw": (
        r"\bwithdr[ae]w",
        r"\bwithdrawal\b",
        r"\bpull(?:ed|ing)? out\b",
        r"\bpullout\b",
        r"\bhand(?:ed)? over\b",
        r"\bhandover\b",
        r"\bevacuat",
        r"\bvacated?\b",
        r"\bwithout (?:a )?(?:fight|resistance)\b",
        r"\bleaving\b",
        r"\bleft the\b",
        r"\bretreat",
        r"\bceded?\b",
        r"\bhanded\b",
        r"\btransferr?ed\b",
    ),
    "protest": (
        r"\bprotest",
        r"\bdemonstrat",
        r"\brall(?:y|ies|ied)\b",
        r"\bmarch(?:ed|es|ing)?\b",
        r"\bmarchers\b",
        r"\bsit-?in\b",
        r"\bstrikers?\b",
        r"\bon strike\b",
        r"\bgeneral strike\b",
        r"\bhunger strike",
        r"\bchant",
        r"\bplacards?\b",
        r"\bbanners?\b",
        r"\bslogans?\b",
        r"\bvigil\b",
        r"\bpicket",
        r"\bactivists\b",
    ),
    "peaceful": (r"\bpeaceful(?:ly)?\b", r"\bgathered\b", r"\bvigil\b", r"\bsilent\b", r"\bwithout incident\b"),
    "intervention": (
        r"\bdispers",
        r"\btear ?gas\b",
        r"\bwater cannons?\b",
        r"\bpepper[- ]spray",
        r"\barrest",
        r"\bdetain",
        r"\bbroke up\b",
        r"\bblock(?:ed)?\b",
        r"\bcordon",
        r"\bbarricad",
        r"\bunsanctioned\b",
        r"\bunauthori[sz]ed\b",
        r"\briot police\b",
        r"\bsuppress",
        r"\bbanned\b",
        r"\bprevented\b",
    ),
    "lethal_force": (
        r"\blive (?:ammunition|fire|rounds)\b",
        r"\brubber bullets?\b",
        r"\bopened fire on (?:the )?(?:protesters|demonstrators|crowds?)",
        r"\bfired on (?:the )?(?:protesters|demonstrators|crowds?)",
        r"\bshot (?:dead )?(?:protesters|demonstrators)",
        r"\bexcessive force\b",
        r"\bbeat(?:en|ing)?\b",
        r"\bbatons?\b",
        r"\bgunfire\b",
        r"\bkill(?:ed|ing)\b",
        r"\bdied\b",
        r"\binjur",
        r"\bwounded\b",
        r"\bcrackdown\b",
        r"\bviolently\b",
    ),
    "riot": (
        r"\briot(?:s|ers|ing|ed)?\b",
        r"\bstones?\b",
        r"\brocks\b",
        r"\bpetrol bombs?\b",
        r"\bmolotov",
        r"\btorch(?:ed|ing)\b",
        r"\bset (?:on )?fire\b",
        r"\bset ablaze\b",
        r"\bburn(?:ed|t|ing)\b",
        r"\bvandali",
        r"\bsmash",
        r"\bpelted\b",
        r"\bhurl",
        r"\bclashed with (?:the )?police\b",
        r"\bclashes with (?:the )?police\b",
        r"\bangry\b",
        r"\brampag",
        r"\bbricks?\b",
        r"\bbottles\b",
        r"\bfirecrackers?\b",
    ),
    "mob": (
        r"\bmobs?\b",
        r"\blynch",
        r"\bvigilant",
        r"\bcommunal\b",
        r"\bsectarian\b",
        r"\bethnic (?:violence|clashes)\b",
        r"\bherders?\b",
        r"\bherdsmen\b",
        r"\bmob justice\b",
        r"\bvillagers attacked\b",
        r"\bcow\b",
        r"\bwitch",
        r"\bblasphem",
    ),
    "agreement": (
        r"\bagreements?\b",
        r"\bagreed\b",
        r"\bcease-?fire\b",
        r"\btruce\b",
        r"\bpeace (?:deal|accord|agreement|treaty|talks)\b",
        r"\bdeal\b",
        r"\bsigned\b",
        r"\bsigning\b",
        r"\baccord\b",
        r"\bswap\b",
        r"\bprisoner exchange\b",
        r"\bexchange of prisoners\b",
        r"\bmemorandum\b",
        r"\breconciliation\b",
    ),
    "arrest": (
        r"\barrest",
        r"\bdetain",
        r"\bdetention\b",
        r"\bapprehend",
        r"\bcustody\b",
        r"\bheld for questioning\b",
        r"\brounded up\b",
        r"\bnabbed\b",
        r"\bcharged\b",
        r"\bsuspects?\b",
        r"\bjailed\b",
        r"\bremand",
        r"\bcaught\b",
    ),
    "group_change": (
        r"\bdefect",
        r"\bmerg",
        r"\bjoin(?:ed|s)? (?:forces|the)\b",
        r"\bnew leader\b",
        r"\bappointed\b",
        r"\bsplinter\b",
        r"\bdisband",
        r"\bsplit\b",
        r"\bdeploy",
        r"\breinforce",
        r"\bredeploy",
        r"\bpledged allegiance\b",
        r"\ballegiance\b",
        r"\bsurrender",
        r"\blaid down (?:their )?arms\b",
        r"\bdrills?\b",
        r"\bexercises?\b",
        r"\bmobili[sz]",
        r"\bbuild-?up\b",
        r"\bconvoy\b",
        r"\brecruit",
        r"\bnamed (?:as )?(?:the )?(?:new )?(?:leader|chief|head)\b",
    ),
    "disrupted": (
        r"\bseized\b",
        r"\bseizure\b",
        r"\bconfiscat",
        r"\bdefus",
        r"\bdismantl",
        r"\bfoiled\b",
        r"\bthwart",
        r"\bintercept",
        r"\bshot down\b",
        r"\bdowned\b",
        r"\bcache",
        r"\bweapons?\b",
        r"\bammunition\b",
        r"\bexplosives\b",
        r"\barms\b",
        r"\bdiscovered\b",
        r"\bfound\b",
        r"\brecovered\b",
        r"\bbomb squad\b",
        r"\bdisposal\b",
        r"\bneutrali[sz]ed\b",
        r"\bdestroyed (?:a|an|the|two|three|several) (?:drones?|missiles?|rockets?)\b",
        r"\bair defen[cs]e",
    ),
    "base": (
        r"\bset up\b",
        r"\bestablish",
        r"\bobservation (?:post|point)s?\b",
        r"\bheadquarters\b",
        r"\bbases?\b",
        r"\boutposts?\b",
        r"\bcheck ?points?\b",
        r"\bcamps?\b",
        r"\bstationed\b",
        r"\bbuilt\b",
        r"\bconstruct",
        r"\bopened (?:a|an|its|their)\b",
        r"\bmilitary post\b",
        r"\bposts?\b",
    ),
    "property": (
        r"\bloot",
        r"\bplunder",
        r"\bransack",
        r"\bburn(?:ed|t)? (?:down )?(?:houses|homes|shops|buildings|vehicles|cars)\b",
        r"\bdestroy",
        r"\bdestruction\b",
        r"\bdemolish",
        r"\bdamag",
        r"\barson\b",
        r"\bproperty\b",
        r"\bproperties\b",
        r"\bshops?\b",
        r"\bhouses\b",
        r"\bvandali",
        r"\bbulldoz",
        r"\bsabotag",
        r"\bmade away with\b",
        r"\bstole",
    ),
    "crime": (
        r"\bcartels?\b",
        r"\bgangs?\b",
        r"\bgangsters?\b",
        r"\bdrugs?\b",
        r"\bnarco",
        r"\btraffick",
        r"\bsmuggl",
        r"\bcocaine\b",
        r"\bheroin\b",
        r"\bmafia\b",
        r"\bcriminal",
        r"\brobber",
        r"\bbandits?\b",
        r"\bextortion\b",
        r"\bhitmen\b",
        r"\bpolice said\b",
        r"\blaunder",
        r"\bmethamphetamine\b",
        r"\bcrime\b",
    ),
    "natural": (
        r"\bearthquakes?\b",
        r"\bquakes?\b",
        r"\btremors?\b",
        r"\bmagnitude\b",
        r"\bfloods?\b",
        r"\bflooding\b",
        r"\bstorms?\b",
        r"\bcyclones?\b",
        r"\bhurricanes?\b",
        r"\btyphoons?\b",
        r"\btornado",
        r"\btsunami",
        r"\blandslides?\b",
        r"\bmudslides?\b",
        r"\bdrought\b",
        r"\bwildfires?\b",
        r"\bbush ?fires?\b",
        r"\bvolcan",
        r"\bepidemic\b",
        r"\boutbreak\b",
        r"\bcholera\b",
        r"\bebola\b",
        r"\bheavy rain",
        r"\brains?\b",
        r"\bheat ?wave\b",
        r"\bavalanche",
        r"\bweather\b",
        r"\bdisaster\b",
        r"\bvirus\b",
    ),
    "manmade": (
        r"\baccident",
        r"\bcrash(?:ed|es)?\b",
        r"\bderail",
        r"\bcollaps",
        r"\bfire broke out\b",
        r"\bblaze\b",
        r"\bfire\b",
        r"\bgas leak\b",
        r"\bleak\b",
        r"\bspill\b",
        r"\bfactory\b",
        r"\bplant\b",
        r"\bfireworks?\b",
        r"\btanker\b",
        r"\bcapsiz",
        r"\bsank\b",
        r"\bferry\b",
        r"\bboat\b",
        r"\bstampede\b",
        r"\bmine collapse\b",
        r"\bbuilding\b",
        r"\bexplosion\b",
        r"\bblast\b",
        r"\bpipeline\b",
        r"\bcollided\b",
        r"\bshort circuit\b",
        r"\bnegligence\b",
    ),
    "diplomatic": (
        r"\bmet\b",
        r"\bmeet(?:s|ing|ings)?\b",
        r"\btalks\b",
        r"\bvisit",
        r"\bsummit\b",
        r"\bminister\b",
        r"\bministers\b",
        r"\bambassadors?\b",
        r"\bembassy\b",
        r"\bdiplomat",
        r"\bpresident\b",
        r"\bprime minister\b",
        r"\bforeign\b",
        r"\bbilateral\b",
        r"\bdelegation\b",
        r"\bcounterpart\b",
        r"\bphone call\b",
        r"\bconference\b",
        r"\bsanctions\b",
        r"\bcondemn",
        r"\brelations\b",
        r"\bunited nations\b",
        r"\bsecurity council\b",
        r"\bresolution\b",
    ),
    "attribution": (
        r"\bclaimed responsibility\b",
        r"\bclaims? responsibility\b",
        r"\bclaiming responsibility\b",
        r"\bresponsib",
        r"\btakes? credit\b",
        r"\btook credit\b",
        r"\bbehind the\b",
        r"\bblam",
        r"\baccus",
        r"\bperpetrat",
        r"\borchestrat",
        r"\bclaimed the attack\b",
        r"\bcarried out by\b",
        r"\bdenied\b",
        r"\bsuspected of\b",
        r"\bbacked\b",
        r"\blinked to\b",
    ),
    "displacement": (
        r"\bfle(?:e|d|eing)\b",
        r"\bdisplac",
        r"\brefugees?\b",
        r"\bexpel",
        r"\bexpuls",
        r"\bdeport",
        r"\bmigra",
        r"\btunnels?\b",
        r"\bcurfew\b",
        r"\bstate of emergency\b",
        r"\bbanned\b",
    ),
    "casualties": (
        r"\bkill(?:ed|ing|s)?\b",
        r"\bdead\b",
        r"\bdeaths?\b",
        r"\bdied\b",
        r"\bwounded\b",
        r"\binjur",
        r"\bcasualt",
        r"\bbodies\b",
        r"\btoll\b",
    ),
    "nonstate_actor": (
        r"\brebels?\b",
        r"\bmilitants?\b",
        r"\binsurgents?\b",
        r"\bjihadis?t?s?\b",
        r"\bislamic state\b",
        r"\bisis\b",
        r"\bisil\b",
        r"\bdaesh\b",
        r"\bal-?shabaab\b",
        r"\bal-?qaeda\b",
        r"\bboko haram\b",
        r"\btaliban\b",
        r"\bhouthis?\b",
        r"\bseparatists?\b",
        r"\bterrorists?\b",
        r"\barmed groups?\b",
        r"\bfighters\b",
        r"\bguerrillas?\b",
        r"\bopposition forces\b",
        r"\bmilitias?\b",
    ),
    "state_actor": (
        r"\barmy\b",
        r"\bgovernment (?:forces|troops|soldiers)\b",
        r"\bsecurity forces\b",
        r"\btroops\b",
        r"\bsoldiers\b",
        r"\bmilitary\b",
        r"\bnational army\b",
        r"\bdefen[cs]e forces\b",
        r"\bforces loyal to\b",
        r"\bpro-government\b",
        r"\bregime forces\b",
    ),
    "police": (r"\bpolice\b", r"\bpolicemen\b", r"\bofficers?\b", r"\bsecurity forces\b", r"\bauthorities\b"),
}

# Groups whose words show political violence, protest or security operations in a sentence. Without any of them
# an "attack" or a "fight" is verbal ("the senator attacked the bill") and gets no ACLED sub-type.
VIOLENCE_CUE_GROUPS = (
    "air",
    "artillery",
    "grenade",
    "suicide",
    "ied",
    "chemical",
    "sexual",
    "abduct",
    "armed_clash",
    "territory_gov",
    "territory_nonstate",
    "protest",
    "riot",
    "mob",
    "arrest",
    "disrupted",
    "casualties",
    "lethal_force",
    "intervention",
    "nonstate_actor",
    "state_actor",
)

# More signs of physical violence, for telling an armed attack from a verbal one (not classifier features).
VIOLENT_CONTEXT = re.compile(
    r"\b(?:gunm[ae]n|armed|opened fire|shot|shooting|stabb\w*|weapons?|guns?|knife|knives|explosi\w*|bomb\w*|"
    r"killed|injured|wounded|dead|troops|soldiers|militants?|rebels?|pirates?|police)\b",
    re.IGNORECASE,
)
# Triggers that, with no sign of physical violence in the sentence, are words of criticism.
VERBAL_ATTACK_TRIGGERS = frozenset({"attack", "assault", "blast", "slam"})
# Words around an attack named by a noun that make it one of words: "a scathing attack on", "in a speech".
VERBAL_MODIFIERS = frozenset(
    "verbal scathing stinging blistering withering personal political rhetorical sharp bitter veiled fierce".split()
)
SPEECH_CONTEXT = re.compile(
    r"\b(?:speech|remarks?|interview|debate|statement|tweet\w*|op-ed|column|editorial|criticis\w*|criticiz\w*|"
    r"rival|opponents?|campaign|parliament|senate|congress)\b",
    re.IGNORECASE,
)
# Verbs and nouns of struggle that are figurative when what they fight is no one's side ("the fight against
# corruption", "attack the virus", "battle the blaze").
FIGURATIVE_STRUGGLES = frozenset(
    {"fight", "fighting", "attack", "battle", "combat", "war", "tackle", "assault", "clash"}
)
ABSTRACT_ADVERSARIES = frozenset(
    "corruption poverty inflation crime drugs drug trafficking terrorism extremism radicalism radicalization virus "
    "pandemic epidemic disease diseases cancer covid coronavirus malaria aids hiv fire fires wildfire wildfires blaze "
    "flames climate change unemployment hunger illiteracy fraud misinformation disinformation discrimination "
    "racism sexism inequality injustice impunity smuggling addiction obesity odds clock deficit debt problem "
    "problems crisis pollution deforestation rights justice freedom democracy equality bigotry hate hatred "
    "misogyny intolerance xenophobia antisemitism homophobia prejudice".split()
)
# What a politician attacks in words: an attack on these is criticism (ACCUSE), whatever else the sentence says.
POLICY_WORDS = frozenset(
    "bill law plan policy policies proposal decision ruling idea budget reform reforms measure legislation "
    "charges allegations accusations record remarks comments statement speech handling approach strategy "
    # what a person is criticised for ("peppered him with attacks on his biography", "attacked her judgment")
    "biography character credibility views tweets temperament judgment candidacy".split()
)

# What no one can be shot, bombed or killed in: measures, texts and ideas. "Killed the bill", "shot down the
# proposal", "struck down the law" reject them; "attacked the plan" criticises it; "a battle over the budget" is
# a dispute.
IDEA_WORDS = POLICY_WORDS | frozenset(
    "proposal proposals idea ideas motion amendment amendments nomination deal agreement treaty bid request "
    "requests claim claims rumor rumors rumour rumours report reports story stories notion theory speculation "
    "suggestion initiative program programme project tax taxes regulation regulations rule rules provision "
    "provisions candidacy resolution appointment merger article ad ads book film policy vote votes deadline "
    "ban mandate order orders wage wages pay benefits seat election elections contract contracts license "
    "licence permit deals".split()
)
# Who an attack in words is aimed at: the press and what it prints, critics and rivals.
MEDIA_WORDS = frozenset(
    "media press journalist journalists reporter reporters newspaper newspapers paper network networks outlet "
    "outlets news tweet tweets column columnist critics critic opponent opponents rival rivals moderator moderators "
    "anchor anchors host hosts interviewer interviewers pundit pundits commentator commentators".split()
)
# Modifiers that make a struggle one of words, law, money or votes ("a media attack", "a legal battle", "a trade
# war", "attack ads"), whatever else the sentence says.
FIGURATIVE_MODIFIERS = frozenset(
    "media verbal scathing stinging blistering withering rhetorical legal court courtroom custody campaign ad "
    "twitter budget electoral election trade price bidding turf charm propaganda ideological procedural "
    "partisan culture cultural tariff currency ratings populist "
    # contests for votes, offices and bills ("a floor fight", "a reelection fight", "a primary battle")
    "floor reelection re-election primary primaries nomination caucus convention leadership political policy "
    "legislative congressional funding spending shutdown messaging "
    # games ("a pillow fight", "a food fight"), and what is only hard ("an uphill battle")
    "pillow food snowball uphill".split()
)
# What one strikes when one strikes an agreement.
AGREEMENT_WORDS = frozenset("deal deals agreement agreements accord bargain compromise pact truce balance".split())
# Struggle triggers that "kill", "shoot down" or "strike down" an idea: a rejection (PLOVER REJECT).
REJECTING_STRUGGLES = frozenset({"kill", "shoot", "strike", "torpedo", "sink", "scuttle", "gun"})
# What people fight "for" or "over" that makes the fight physical: ground and its control, or a time it lasts.
PHYSICAL_STAKES = frozenset(
    "control territory town towns city cities village villages area areas region district province hill hills "
    "airport base bases road roads border bridge port oil field fields land lands position positions ground "
    "hour hours day days week weeks month months year years night nights minute minutes".split()
)
# Common nouns of the sites where things happen ("killed in a village", "the explosion at the station", "held in
# a jail"): where an event word's preposition of place leads to one, it is the event's place.
SITE_NOUNS = frozenset(
    "village villages town towns city cities neighbourhood neighborhood district area areas region province "
    "street streets road roads highway square market bazaar mall shop store restaurant cafe hotel bar club "
    "stadium park station airport airfield airbase port harbour harbor bridge crossing border checkpoint base "
    "camp outpost post posts compound building house home office headquarters embassy consulate school "
    "university campus hospital clinic mosque church cathedral temple synagogue shrine prison jail courthouse "
    "factory plant mine site sites scene spot location locations places".split()
)
# Places and posts a subject "under attack" can be held in: the attack there is physical.
ATTACKABLE_PLACES = frozenset(
    "town village city base camp convoy checkpoint position positions outpost compound building hospital school "
    "mosque church embassy area district neighborhood neighbourhood station post ship vessel plane aircraft "
    "tanker boat ferry truck bus vehicle train "
    "troops soldiers forces army police".split()
)

COMPILED_ACLED_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    group: tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns) for group, patterns in ACLED_CUES.items()
}


def acled_cue_counts(text: str) -> dict[str, int]:
    """How many cue patterns of each group the text contains (a pattern counts once)."""
    return {
        group: sum(1 for pattern in patterns if pattern.search(text)) for group, patterns in COMPILED_ACLED_CUES.items()
    }


# --- PLOVER triggers ---------------------------------------------------------------------------------
# lemma -> (PLOVER type, mode). From the CAMEO verb classes as mapped to PLOVER (CAMEO2PLOVER 2021).


def _triggers(table: dict[tuple[str, str | None], str]) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for (event_type, mode), words in table.items():
        for word in words.split():
            out[word.replace("_", " ")] = (event_type, mode)
    return out


VERB_TRIGGERS = _triggers(
    {
        ("ASSAULT", None): "attack kill bomb strike fight clash ambush assault raid storm massacre slaughter murder "
        "wound injure maim bombard besiege invade oust overthrow topple overrun capture recapture retake liberate "
        "repel destroy torch behead execute lynch abuse battle skirmish mutilate exterminate annihilate",
        ("ASSAULT", "firearms"): "shoot gun fire",
        ("ASSAULT", "heavy-weapons"): "shell",
        ("ASSAULT", "explosives"): "detonate explode",
        ("ASSAULT", "assassinate"): "assassinate",
        ("ASSAULT", "abduct"): "abduct kidnap hijack",
        ("ASSAULT", "sexual"): "rape",
        ("ASSAULT", "torture"): "torture",
        ("ASSAULT", "beat"): "beat stab",
        ("COERCE", "arrest"): "arrest detain jail imprison",
        ("COERCE", "seize"): "confiscate loot occupy demolish deface seize",
        ("COERCE", "ban"): "ban outlaw censor",
        ("COERCE", "deport"): "deport",
        ("COERCE", "restrict"): "blockade restrict",
        ("PROTEST", "demo"): "protest demonstrate rally march picket",
        ("PROTEST", "obstruct"): "block",
        ("PROTEST", "riot"): "riot",
        ("PROTEST", "boycott"): "boycott",
        ("MOBILIZE", "troops"): "deploy mobilize mobilise reinforce",
        ("RETREAT", "withdraw"): "withdraw retreat evacuate",
        ("RETREAT", "disarm"): "surrender disarm demobilize",
        ("RETREAT", None): "resign",
        ("RETREAT", "release"): "release free",
        ("RETREAT", "ease"): "lift ease",
        ("SANCTION", None): "sanction suspend sever freeze withhold halt",
        ("SANCTION", "expel"): "expel",
        ("THREATEN", None): "threaten",
        ("ACCUSE", "allege"): "accuse blame allege sue complain indict",
        ("ACCUSE", "disapprove"): "denounce condemn criticize criticise decry slam censure rebuke lambast deplore",
        ("ACCUSE", "investigate"): "investigate probe",
        ("REJECT", None): "reject refuse veto decline rebuff spurn defy oppose violate renege",
        ("REQUEST", None): "urge ask appeal request plead seek petition beg implore",
        ("DEMAND", None): "demand order instruct",
        ("AGREE", None): "agree sign accept pledge promise vow commit offer assure ratify",
        ("CONSULT", None): "meet negotiate consult discuss convene confer mediate host",
        ("CONSULT", "visit"): "visit",
        ("SUPPORT", None): "praise support endorse welcome back thank hail applaud commend recognize recognise "
        "apologize apologise forgive congratulate laud defend",
        ("COOPERATE", None): "cooperate collaborate coordinate partner extradite share",
        ("AID", None): "aid assist help donate fund finance rescue airlift",
    }
)

NOUN_TRIGGERS = _triggers(
    {
        ("ASSAULT", None): "attack assault offensive fighting fight clash battle raid ambush massacre killing "
        "murder slaying slaughter maiming takeover capture invasion siege bombardment skirmish war",
        ("ASSAULT", "heavy-weapons"): "airstrike shelling",
        ("ASSAULT", "explosives"): "bombing explosion blast detonation",
        ("ASSAULT", "firearms"): "shooting gunfire",
        ("ASSAULT", "beat"): "stabbing",
        ("ASSAULT", "sexual"): "rape",
        ("ASSAULT", "torture"): "torture",
        ("ASSAULT", "assassinate"): "assassination",
        ("ASSAULT", "abduct"): "abduction kidnapping",
        ("COERCE", "arrest"): "arrest detention",
        ("COERCE", None): "crackdown curfew blockade embargo deportation",
        ("PROTEST", "demo"): "protest demonstration rally sit-in",
        ("PROTEST", "riot"): "riot",
        ("PROTEST", "boycott"): "boycott",
        ("MOBILIZE", "troops"): "deployment mobilization mobilisation reinforcement",
        ("RETREAT", "withdraw"): "withdrawal retreat pullout",
        ("RETREAT", "ceasefire"): "ceasefire cease-fire truce",
        ("RETREAT", "release"): "release",
        ("RETREAT", "disarm"): "surrender",
        ("SANCTION", None): "sanction sanctions suspension",
        ("THREATEN", None): "threat ultimatum",
        ("ACCUSE", "allege"): "accusation allegation lawsuit charge",
        ("ACCUSE", "disapprove"): "condemnation criticism",
        ("ACCUSE", "investigate"): "investigation probe inquiry",
        ("REJECT", None): "rejection refusal veto",
        ("REQUEST", None): "appeal request plea",
        ("DEMAND", None): "demand instruction instructions",
        ("AGREE", None): "agreement deal accord treaty pledge promise commitment vow",
        ("CONSULT", None): "meeting talks negotiation negotiations summit conference consultation mediation",
        ("CONSULT", "visit"): "visit trip",
        ("SUPPORT", None): "praise endorsement recognition support",
        ("COOPERATE", None): "cooperation collaboration partnership",
        ("AID", None): "aid assistance relief donation airlift",
    }
)


def noun_trigger_type(token: Token) -> str | None:
    """The PLOVER type a noun reports, if the lexicon lists it: the word as written first, since some nouns are
    listed in the plural ("talks", whose lemma is "talk")."""
    found = NOUN_TRIGGERS.get(token.lower_) or NOUN_TRIGGERS.get(token.lemma_.lower())
    return found[0] if found is not None else None


# Words that report the toll of violence, not an act: a mention of the violent event of their sentence, never an
# event alone ("died of cholera" is no one's attack).
CASUALTY_VERBS = frozenset({"die", "perish"})
CASUALTY_NOUNS = frozenset(
    {"death", "deaths", "dead", "injury", "injuries", "casualty", "casualties", "toll", "fatality", "fatalities"}
)
# Verbs of harm: with no doer of their own they report the toll of another act of their sentence.
HARM_VERBS = frozenset({"kill", "wound", "injure", "maim", "hurt"})
# Verbs whose subject is on the receiving end of the event named in their object or under their preposition
# ("the mayor suffered injuries in the blast", "the president survived an attack", "the party faces attacks",
# "Trump is drawing criticism", "the governor received an ultimatum"), and "come under" ("came under fire").
UNDERGOING_VERBS = frozenset(
    {"suffer", "sustain", "survive", "escape", "endure", "undergo", "face", "receive", "draw", "attract", "incur"}
)


def comes_under(preposition: Token) -> bool:
    """'under' on 'come': "the minister came under criticism", "the convoy came under attack"."""
    return preposition.lower_ == "under" and preposition.head.lemma_.lower() == "come"


# Verbs whose subject answers an accusation made of him ("denied the charges", "rejected the allegations"): the
# accused, never the accuser.
ANSWERING_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "contest", "dispute", "fight"})
# Words that make a "charge" one of law ("murder charges", "criminal charges"), and verbs that bring, face or
# drop one ("faces charges", "filed charges", "pleaded not guilty to charges").
LEGAL_CHARGE_WORDS = frozenset(
    "criminal murder terrorism terror corruption fraud federal assault treason espionage manslaughter rape drug drugs "
    "weapons weapon felony misdemeanor misdemeanour sedition bribery kidnapping homicide war trafficking "
    "conspiracy theft embezzlement perjury".split()
)
CHARGE_VERBS = frozenset(
    "face file bring press drop deny plead level lay dismiss answer reduce contest admit withdraw".split()
)
# Whom one "supports" by providing for them, not by backing them.
DEPENDANTS = frozenset(
    "family families child children kid kids themselves himself herself myself ourselves household households "
    "wife husband parents dependants dependents".split()
)
# Verbs of backing held, kept or lost rather than given ("lost the support of", "has the support of").
HELD_SUPPORT_VERBS = frozenset({"lose", "have", "enjoy", "need", "lack", "retain", "keep", "risk"})
# What one slams that is no one criticised ("slammed the door").
SLAMMED_THINGS = frozenset("door doors brake brakes car phone fist fists ball window gate lid".split())
# Verbs that make or answer an appeal ("issued an appeal", "heeded the appeal").
APPEAL_MAKING_VERBS = frozenset("issue make launch renew repeat send broadcast heed answer echo reiterate".split())
# What a weapon is when it "hits" something ("a rocket hit the school", "hit by an airstrike").
WEAPON_WORDS = frozenset(
    "missile missiles rocket rockets shell shells mortar mortars bomb bombs airstrike airstrikes air-strike "
    "drone drones bullet bullets grenade grenades artillery shellfire gunfire projectile projectiles "
    "explosive explosives ied ieds".split()
)
# Armed sides whose "hit" at people or a post is a strike.
ARMED_WORDS = frozenset(
    "army armies troops soldiers forces military militants militant rebels rebel fighters insurgents insurgent "
    "jets warplanes aircraft planes navy artillery gunboats".split()
)
# Verbs of driving a vehicle into something ("crashed into", "rammed", "ploughed into").
RAMMING_VERBS = frozenset({"crash", "ram", "plough", "plow", "drive", "slam", "smash"})
# Words that make a vehicle a bomb ("a motorcycle loaded with explosives", "an explosives-laden truck").
EXPLOSIVE_WORDS = frozenset("explosive explosives bomb bombs ied ieds dynamite".split())
# A warning passed on before a bomb goes off is a threat (KAIROS marks it ThreatenCoerce): the verbs that pass
# one on, and the words of the bomb it warns of; a travel or weather warning names none of them.
WARNING_VERBS = frozenset("give receive issue telephone phone send deliver relay".split())
BOMB_WORDS = EXPLOSIVE_WORDS | frozenset("explosion blast detonation device".split())

# Verbs that name a "strike" of workers rather than of weapons, and nouns that make a "strike" one or the other.
STRIKE_PROTEST_MODIFIERS = frozenset({"hunger", "general", "labor", "labour", "workers", "nationwide", "national"})
# Words of a labour dispute: a "strike" in their sentence is a stoppage of work.
LABOUR_WORDS = frozenset(
    "worker workers union unions employee employees teacher teachers nurse nurses doctor doctors miner miners "
    "wage wages pay salary salaries pension pensions labour labor strikers".split()
)
# How long a stoppage of work lasts: "a 48-hour strike", "a three-day strike".
STRIKE_DURATIONS = frozenset({"hour", "hours", "day", "days", "week", "weeks", "month", "indefinite", "open-ended"})
STRIKE_ASSAULT_MODIFIERS = frozenset({"air", "drone", "missile", "rocket", "airstrike", "aerial", "military"})

# Verbs that become AID only when what they move is aid ("resumed humanitarian flights", "reopened the
# airport for aid", "provide assistance").
AID_CARRIER_VERBS = frozenset(
    "provide supply deliver send resume reopen restore continue keep ship distribute allocate grant give "
    "channel fly bring pledge promise offer".split()
)
AID_WORDS = frozenset(
    "aid assistance humanitarian relief food medicine medicines supplies donation donations funding funds "
    "vaccines vaccine shelter tents water asylum arms".split()
)
# Adjectives of intent: "ready to stop fighting" is an offer (AGREE), not fighting.
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "open"})
# Verbs whose object or complement is something that ends rather than happens.
ENDING_VERBS = frozenset({"stop", "end", "halt", "cease", "avert", "prevent", "avoid", "ban", "suspend"})
# Verbs whose object noun names an event the subject carries out ("held a meeting", "launched an offensive").
LIGHT_VERBS = frozenset(
    "hold have conduct launch carry stage make give begin start complete continue resume mount wage "
    "undertake pay attend join lead host co-host organize organise announce open commit perpetrate".split()
)
# Verbs of the law's hold on someone, whose subject held "on" or "for" an accusation is the accused ("is being
# held on charges", "awaiting trial on corruption charges", "was arrested for the allegations").
HELD_ON_VERBS = frozenset(
    "hold arrest detain jail imprison try convict indict sentence await prosecute book extradite acquit face".split()
)


def held_on(token: Token) -> Token | None:
    """The verb of the law's hold that an accusation noun is held "on", "for" or "over" ("is being held on
    charges", "awaiting trial on corruption charges"): its subject is the accused. None for anything else."""
    preposition = token.head
    if token.dep_ != "pobj" or token.pos_ != "NOUN" or preposition.lower_ not in ("on", "for", "over"):
        return None
    verb = preposition.head.head if preposition.head.dep_ == "dobj" else preposition.head
    if verb.lemma_.lower() not in HELD_ON_VERBS or noun_trigger_type(token) != "ACCUSE":
        return None
    return verb


# Light verbs that pass their event noun on to someone: "gave the rebels an ultimatum", "issued a warning to
# the police", "warnings were given to the newspapers" (the one it is passed to is its target).
PASSING_VERBS = frozenset("give issue send deliver hand relay telephone phone".split())

# What one seeks from someone else (a request): "sought asylum", "seeking talks". Seeking anything else ("sought
# to enforce control", "sought a referendum") is trying, not asking.
SOUGHT_FROM_OTHERS = frozenset(
    "help aid assistance asylum support permission clarification explanation talks meeting ceasefire truce "
    "extradition release return access protection approval assurance assurances compensation apology "
    "information advice refuge backing intervention mediation pardon".split()
)
# What one commits or accepts that is a deed or the blame for it, not a pledge: "committed the attack",
# "accepted responsibility for the bombings".
DEEDS_AND_BLAME = frozenset(
    "responsibility blame credit crime crimes atrocity atrocities suicide offence offense offences offenses "
    "genocide fraud abuse abuses violation violations act acts".split()
)
# People one employs, whom "fire" dismisses.
EMPLOYEE_WORDS = frozenset(
    "employee employees worker workers staff staffer staffers coach manager director official officials aide "
    "aides executive executives secretary minister chief head editor teacher teachers".split()
)
# Whom one hosts in a meeting: "hosted the Afghan delegation".
GUEST_WORDS = frozenset("delegation delegations counterpart counterparts leader leaders envoy envoys".split())
# Verbs of a hunt that investigate a crime when what they hunt is its suspect.
MANHUNT_VERBS = frozenset({"hunt", "search", "track"})
OFFENDER_WORDS = frozenset(
    "suspect suspects gunman gunmen attacker attackers assailant assailants bomber bombers perpetrator "
    "perpetrators killer killers culprit culprits fugitive fugitives shooter shooters".split()
)
# Subjects that make a clash or a fight a riot of protesters rather than an armed attack.
PROTESTER_WORDS = frozenset(
    "protester protesters protestor protestors demonstrator demonstrators rioter rioters".split()
)
# What one poses, faces or counters when the "threat" is a danger rather than a threat made.
RISK_VERBS = frozenset(
    "pose carry face counter combat confront address tackle reduce assess eliminate cite see".split()
)
# What a "threat to" endangers when it is a danger: "a threat to public health", "a threat to national security".
ENDANGERED_GOODS = frozenset("health safety security stability democracy economy environment peace".split())
# Trigger verbs that are the lexicon's act only with an object of its kind (see events._in_its_sense).
OBJECT_SENSES: dict[str, frozenset[str]] = {
    "share": frozenset(
        "intelligence information data technology expertise evidence know-how resources findings files".split()
    ),
    "freeze": frozenset(
        "assets asset funds fund accounts account aid assistance property properties holdings deposits talks "
        "negotiations relations ties cooperation contacts payments loans membership".split()
    ),
    "suspend": frozenset(
        "aid assistance talks negotiations relations ties cooperation contacts flights membership deliveries "
        "imports exports trade visas shipments broadcasts payments loans participation agreement treaty "
        "operations service services license licence accreditation".split()
    ),
    "lift": frozenset(
        "sanction sanctions ban bans curfew siege blockade embargo restriction restrictions emergency lockdown "
        "suspension freeze measures order closure veto moratorium quarantine".split()
    ),
    "ease": frozenset(
        "sanction sanctions ban bans curfew siege blockade embargo restriction restrictions lockdown measures "
        "closure quarantine controls".split()
    ),
    "deploy": frozenset(
        "troops soldiers forces police officers units personnel army military marines battalion battalions "
        "brigade brigades ship ships warship warships jet jets aircraft plane planes missile missiles tank tanks "
        "reinforcements reservists guards peacekeepers security drones helicopters vessels boats".split()
    ),
    "reinforce": frozenset(
        "troops forces police units positions presence security garrison garrisons border borders defenses "
        "defences checkpoint checkpoints base bases lines".split()
    ),
    "mobilize": frozenset("troops soldiers forces reservists army units police supporters volunteers".split()),
    "mobilise": frozenset("troops soldiers forces reservists army units police supporters volunteers".split()),
    "help": frozenset(
        "refugees victims survivors families civilians people residents displaced wounded injured poor needy "
        "migrants farmers children".split()
    ),
}
# Doers whose attacks and fights are of words or votes when nothing in the sentence is violent: "attacks from
# Republicans", "the candidate's fight".
POLITICAL_DOERS = frozenset(
    "republican republicans democrat democrats gop campaign campaigns candidate candidates senator senators "
    "lawmaker lawmakers congressman congressmen congresswoman party parties opponent opponents critic critics "
    "rival rivals liberals conservatives tories pundit pundits commentator commentators voter voters "
    "establishment challenger challengers".split()
)
# What grows rather than blows up when it "explodes": "the prison population exploded", "costs exploded",
# "deaths from the disease are exploding", "cases exploded".
GROWING_QUANTITIES = frozenset(
    "population populations number numbers cost costs price prices debt deficit demand sales use usage growth "
    "interest popularity membership enrolment enrollment traffic spending rent rents crime market markets "
    "industry inflation scandal controversy story issue death deaths case cases rate rates infection infections "
    "complaint complaints application applications thing things tension tensions anger".split()
)
# Words before "shot" that make it no gunshot: "a long shot", "a big shot", "a parting shot", "a flu shot".
NOT_GUNSHOT_WORDS = frozenset("long big parting mug flu booster cheap moon screen jump slap".split())
# Marks one beats by doing better than them: "beat expectations", "beat the odds", "beat the deadline".
SURPASSED_MARKS = frozenset(
    "expectation expectations estimate estimates forecast forecasts projection projections record records odds "
    "deadline deadlines average benchmark market heat rush clock".split()
)
# What one withdraws from an account or a race rather than a force from a place: "withdraw money", "withdrew his
# candidacy" keeps no troops back.
WITHDRAWN_HOLDINGS = frozenset(
    "money cash fund funds savings deposit deposits dollar dollars euro euros pound pounds sum amount"
    " account accounts".split()
)
# What a business halts or suspends for itself: "halted operations after the storm" sanctions no one.
OWN_OPERATIONS = frozenset(
    "operation operations production output work works construction manufacturing trading drilling mining "
    "shipping service services".split()
)
# What makes demands that no one voices: "the demands of the presidency", "the demands of the job".
DEMANDING_DUTIES = frozenset(
    "job jobs office presidency role position post work career season schedule life lives market markets "
    "economy modern age times sport game".split()
)
# Verbs of pressing someone into an act ("pressuring public employees to vote"): coercion, which PLOVER and
# KAIROS code with threats.
COERCING_VERBS = frozenset("pressure pressurise pressurize coerce".split())
# Figures one "strikes" in speech or conduct: "struck a measured tone", "struck a chord", "struck a balance".
STRUCK_FIGURES = frozenset("tone note chord pose figure tune nerve".split())
# Whom one beats in a contest: "beat this guy", "beat the incumbent".
CONTESTANTS = frozenset(
    "guy guys candidate candidates incumbent opponent opponents rival rivals challenger challengers team teams "
    "champion favourite favorite nominee frontrunner front-runner challenge challenges bid".split()
)
# Where a blockade of protesters is laid: "blocked the main road" (but not "blocked the bill").
BLOCKABLE_WAYS = frozenset(
    "road roads street streets highway highways motorway bridge bridges entrance entrances access traffic "
    "railway railways rail port ports crossing crossings junction square gate gates route routes".split()
)
# People held against their will: "seized hostages" abducts them.
CAPTIVE_WORDS = frozenset("hostage hostages captive captives".split())

# --- status cues ------------------------------------------------------------------------------------
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "'d"})
# "is expected to", "plans to", "aims to": the governed event has not happened yet.
PLANNING_VERBS = frozenset("expect plan schedule intend aim set prepare hope seek want propose arrange due go".split())
PLANNING_ADJECTIVES = frozenset({"upcoming", "coming", "planned", "proposed", "scheduled", "forthcoming", "next"})
PROMISE_VERBS = frozenset({"pledge", "promise", "vow", "commit", "assure", "guarantee", "swear", "undertake"})
CLAIM_POLARITIES = frozenset({"say", "claim"})
DENY_POLARITIES = frozenset({"deny", "dismiss"})
UNVERIFIED_HEDGES = re.compile(
    r"\b(?:unverified|unconfirmed|reportedly|allegedly|purportedly|could not (?:be )?(?:independently )?"
    r"(?:verify|verified|confirm|confirmed)|cannot be (?:independently )?(?:verified|confirmed)|"
    r"not (?:be )?(?:independently )?verified)\b",
    re.IGNORECASE,
)
# "news conference", "press briefing": where someone spoke, not a consultation between parties.
SPEAKING_VENUE_MODIFIERS = frozenset({"news", "press", "video"})
# Modifiers of a rally held by a campaign, not a protest ("a campaign rally", "an election rally").
CAMPAIGN_WORDS = frozenset(
    "campaign election electoral reelection re-election presidential primary fundraising fund-raising victory "
    "midterm".split()
)
# Modifiers that make a rally a protest ("an opposition rally", "a protest rally").
PROTEST_MODIFIERS = frozenset("opposition protest protesters demonstrators dissident strike solidarity".split())
# Verbs of speaking to a gathering ("told a rally", "addressed a rally", "spoke at a rally").
ADDRESSING_VERBS = frozenset({"tell", "address", "speak", "talk", "vow", "promise", "urge", "ask"})
# "evacuate Americans": moving people out of danger is aid; "evacuate the base" is a retreat.
PEOPLE_WORDS = frozenset(
    "people civilians citizens nationals residents families children women refugees staff workers "
    "americans afghans foreigners diplomats".split()
)
# Prepositions that only say when something else happened ("during the meeting").
TEMPORAL_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "since", "until", "following", "despite"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "provided", "providing"})
CONDITIONAL_PHRASES = re.compile(
    r"\b(?:on (?:the )?condition that|provided that|providing that|as long as|in exchange for)\b", re.IGNORECASE
)

# Trigger words that name their own ACLED / CASE-2021 sub-type.
_TRIGGER_SUBTYPES_TABLE = {
    "ARMED_CLASH": "fight fighting clash battle ambush firefight skirmish repel repulse",
    "NON_STATE_ACTOR_OVERTAKES_TER GOV_REGAINS_TERIT": "takeover capture overrun seize storm oust offensive "
    "recapture retake liberate",
    "AIR_STRIKE REM_EXPLOS SUIC_BOMB": "bomb bombing",
    "AIR_STRIKE": "airstrike",
    "ART_MISS_ATTACK": "shell shelling bombard bombardment",
    "NON_VIOL_TERRIT_TRANSFER": "withdraw withdrawal retreat pullout",
    "ARREST": "arrest detain detention jail imprison",
    "ABDUCT_DISSAP": "abduct abduction kidnap kidnapping",
    "SEX_VIOL": "rape",
    "PROPERTY_DISTRUCT": "loot torch destroy",
    "PEACE_PROTEST PROTEST_WITH_INTER FORCE_AGAINST_PROTEST": "protest demonstrate demonstration rally march",
    "VIOL_DEMONSTR MOB_VIOL": "riot lynch",
    "CHANGE_TO_GROUP_ACT": "deploy deployment mobilize reinforce surrender",
}
TRIGGER_SUBTYPES: dict[str, set[str]] = {}
for _subtypes, _words in _TRIGGER_SUBTYPES_TABLE.items():
    for _word in _words.split():
        TRIGGER_SUBTYPES.setdefault(_word, set()).update(_subtypes.split())
