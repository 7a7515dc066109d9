"""The one table from the KAIROS (WikiEvents) and AIDA (RAMS) event ontologies to PLOVER, with their roles.

`newsledger eval arguments` scores only gold events whose type is in this table; the others are left out of
every figure and listed in the output. A gold type maps to the PLOVER types that count as right for it (the
first is the usual one: a "request or command" is a REQUEST or a DEMAND), and each of its roles to one family
of our record: `source` (who did it), `target` (to whom) or `place`. A role that both sides of a symmetric
event share (the participants of a meeting) is `party`: it is matched by a source or a target. Roles not in
the table (instruments, topics, crimes, vehicles) are not scored.

KAIROS -> PLOVER (WikiEvents):

| KAIROS type | PLOVER | source | target | place |
|---|---|---|---|---|
| Conflict.Attack.* | ASSAULT | Attacker | Target | Place |
| Life.Die.* (casualties of an assault) | ASSAULT | Killer | Victim | Place |
| Life.Injure.* (casualties of an assault) | ASSAULT | Injurer | Victim | Place |
| Conflict.Demonstrate.* | PROTEST | Demonstrator | Target | Place |
| Justice.ArrestJailDetain.* | COERCE | Jailer | Detainee | Place |
| Justice.ReleaseParole.* | RETREAT | JudgeCourt | Defendant | Place |
| Justice.ChargeIndict.* | ACCUSE | Prosecutor | Defendant | Place |
| Justice.InvestigateCrime.* | ACCUSE | Investigator | Defendant | Place |
| Contact.Contact.Meet | CONSULT | Participant (party) | Participant (party) | Place |
| Contact.ThreatenCoerce.* | THREATEN | Communicator | Recipient | Place |
| Contact.RequestCommand.* | REQUEST, DEMAND | Communicator | Recipient | Place |
| Transaction.Donation.* | AID | Giver | Recipient | Place |

The mode decides the counterpart where the type alone does not: an ACCUSE of mode "disapprove" (criticism,
condemnation) is no charge or investigation and has no KAIROS counterpart, so like a SUPPORT it is not scored.

AIDA -> PLOVER (RAMS; its types are lower case, its roles carry an "evtNNNargNN" prefix):

| AIDA type | PLOVER | source | target | place |
|---|---|---|---|---|
| conflict.attack.* | ASSAULT | attacker | target | place |
| life.die.deathcausedbyviolentevents, life.die.n/a | ASSAULT | killer | victim | place |
| life.injure.injurycausedbyviolentevents, life.injure.n/a | ASSAULT | injurer | victim | place |
| conflict.demonstrate.* | PROTEST | demonstrator | – | place |
| conflict.yield.* | RETREAT | surrenderer, retreater, yielder | recipient | place |
| justice.arrestjaildetain.* | COERCE | jailer | detainee | place |
| justice.initiatejudicialprocess.chargeindict | ACCUSE | prosecutor | defendant | place |
| justice.investigate.* | ACCUSE | investigator | defendant | place |
| contact.discussion.*, contact.negotiate.* | CONSULT | participant (party) | participant (party) | place |
| contact.threatencoerce.* | THREATEN | communicator | recipient | place |
| contact.requestadvise.*, contact.commandorder.* | REQUEST, DEMAND | communicator | recipient | place |
| contact.commitmentpromiseexpressintent.* | AGREE | communicator | recipient | place |
| contact.collaborate.* | COOPERATE | participant (party) | participant (party) | place |
| government.agreements.acceptagreementcontractceasefire, .n/a | AGREE | participant | participant | place |
| government.agreements.violateagreement | REJECT | violator | otherparticipant | place |
| transaction.*.giftgrantprovideaid | AID | giver | recipient | place |
| transaction.*.embargosanction | SANCTION | preventer | – | place |
| movement.transportperson.evacuationrescue | AID | transporter | passenger | – |

Left out on purpose: deaths and injuries that are not violence (life.die.nonviolentdeath,
life.injure.illnessdegradation*, Disaster.*), statements (Contact.Contact.Broadcast, contact.mediastatement,
contact.prevarication: the quotes extractor's business), crimes, courts' verdicts and sentences, personnel,
movement, damage, manufacture, inspection, government votes and spying: PLOVER codes none of them as such.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE, TARGET, PLACE, PARTY = "source", "target", "place", "party"
FAMILIES = (SOURCE, TARGET, PLACE)


@dataclass(frozen=True)
class TypeMapping:
    plover: tuple[str, ...]  # the PLOVER types that count as right; the first is the usual one
    roles: dict[str, str]  # gold role (lower case) -> source, target, place or party


def _mapping(plover: str, source: str = "", target: str = "", place: str = "place", party: str = "") -> TypeMapping:
    roles: dict[str, str] = {}
    for family, names in ((SOURCE, source), (TARGET, target), (PLACE, place), (PARTY, party)):
        for name in names.split():
            roles[name] = family
    return TypeMapping(tuple(plover.split()), roles)


# Matched on the type's first two parts (or the whole type where given), lower case.
KAIROS_TABLE: dict[str, TypeMapping] = {
    "conflict.attack": _mapping("ASSAULT", "attacker", "target"),
    "life.die": _mapping("ASSAULT", "killer", "victim"),
    "life.injure": _mapping("ASSAULT", "injurer", "victim"),
    "conflict.demonstrate": _mapping("PROTEST", "demonstrator", "target"),
    "justice.arrestjaildetain": _mapping("COERCE", "jailer", "detainee"),
    "justice.releaseparole": _mapping("RETREAT", "judgecourt", "defendant"),
    "justice.chargeindict": _mapping("ACCUSE", "prosecutor", "defendant"),
    "justice.investigatecrime": _mapping("ACCUSE", "investigator", "defendant"),
    "contact.contact.meet": _mapping("CONSULT", party="participant"),
    "contact.threatencoerce": _mapping("THREATEN", "communicator", "recipient"),
    "contact.requestcommand": _mapping("REQUEST DEMAND", "communicator", "recipient"),
    "transaction.donation": _mapping("AID", "giver", "recipient"),
}
AIDA_TABLE: dict[str, TypeMapping] = {
    "conflict.attack": _mapping("ASSAULT", "attacker", "target"),
    "life.die": _mapping("ASSAULT", "killer", "victim"),
    "life.injure": _mapping("ASSAULT", "injurer", "victim"),
    "conflict.demonstrate": _mapping("PROTEST", "demonstrator"),
    "justice.arrestjaildetain": _mapping("COERCE", "jailer", "detainee"),
    "conflict.yield": _mapping("RETREAT", "surrenderer retreater yielder", "recipient"),
    "justice.initiatejudicialprocess.chargeindict": _mapping("ACCUSE", "prosecutor", "defendant"),
    "justice.investigate": _mapping("ACCUSE", "investigator", "defendant"),
    "contact.discussion": _mapping("CONSULT", party="participant"),
    "contact.negotiate": _mapping("CONSULT", party="participant"),
    "contact.requestadvise": _mapping("REQUEST DEMAND", "communicator", "recipient"),
    "contact.commandorder": _mapping("DEMAND REQUEST", "communicator", "recipient"),
    "contact.commitmentpromiseexpressintent": _mapping("AGREE", "communicator", "recipient"),
    "contact.collaborate": _mapping("COOPERATE", party="participant"),
    "government.agreements.acceptagreementcontractceasefire": _mapping("AGREE", party="participant"),
    "government.agreements.n/a": _mapping("AGREE", party="participant"),
    "government.agreements.violateagreement": _mapping("REJECT", "violator", "otherparticipant"),
    "transaction.transaction.giftgrantprovideaid": _mapping("AID", "giver", "recipient"),
    "transaction.transfermoney.giftgrantprovideaid": _mapping("AID", "giver", "recipient"),
    "transaction.transferownership.giftgrantprovideaid": _mapping("AID", "giver", "recipient"),
    "transaction.transaction.embargosanction": _mapping("SANCTION", "preventer"),
    "transaction.transfermoney.embargosanction": _mapping("SANCTION", "preventer"),
    "transaction.transferownership.embargosanction": _mapping("SANCTION", "preventer"),
    "movement.transportperson.evacuationrescue": _mapping("AID", "transporter", "passenger", place=""),
}
# Sub-types of a mapped family that are not violence (the rest of life.die and life.injure are: KAIROS's
# Unspecified, AIDA's deathcausedbyviolentevents and n/a): left out although their family is mapped.
NOT_MAPPED = frozenset(
    {
        "life.die.nonviolentdeath",
        "life.injure.illnessdegradationhungerthirst",
        "life.injure.illnessdegradationphysical",
    }
)
TYPE_TABLE = {**AIDA_TABLE, **KAIROS_TABLE}
# The PLOVER types a gold event of each ontology can map to: a system event of another type (SUPPORT, MOBILIZE;
# on WikiEvents also AGREE, REJECT, SANCTION, whose KAIROS counterparts are not annotated) has no counterpart in
# the gold and is neither right nor wrong.
KAIROS_PLOVER_TYPES = frozenset(t for mapping in KAIROS_TABLE.values() for t in mapping.plover)
AIDA_PLOVER_TYPES = frozenset(t for mapping in AIDA_TABLE.values() for t in mapping.plover)
# (PLOVER type, mode) pairs whose type has a KAIROS counterpart but whose mode has none: criticism and
# condemnation are no Justice.ChargeIndict or InvestigateCrime.
KAIROS_UNSCORED_MODES = frozenset({("ACCUSE", "disapprove")})


def kairos_scored(plover_type: str, mode: str | None) -> bool:
    """Whether a system event of this type and mode has a KAIROS counterpart, so that the gold can judge it."""
    return plover_type in KAIROS_PLOVER_TYPES and (plover_type, mode) not in KAIROS_UNSCORED_MODES


def mapping_of(gold_type: str) -> TypeMapping | None:
    """The table's row for a KAIROS or AIDA type ("Conflict.Attack.DetonateExplode", "life.die.n/a")."""
    key = gold_type.lower()
    if key in NOT_MAPPED:
        return None
    table = AIDA_TABLE if key == gold_type else KAIROS_TABLE  # AIDA's types are written in lower case
    if key in table:
        return table[key]
    return table.get(".".join(key.split(".")[:2]))


def role_family(mapping: TypeMapping, role: str) -> str | None:
    """The family of a gold role name, RAMS's "evt089arg01victim" read as "victim"."""
    name = role.lower()
    if name.startswith("evt") and "arg" in name:
        name = name[name.index("arg") + 5 :]
    return mapping.roles.get(name)
