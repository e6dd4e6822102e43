"""Explicit zero casualties ('no one was injured', 'there were no casualties or damage') as
figures of value 0: analysts need a reported 0 to differ from a toll nobody reported.

Only killed and injured have zeros (tests/data/extraction/realtext/README.md): 'none was shot
down' stays no claim. A pending report is no zero: 'no immediate reports of casualties',
'no information on casualties yet', 'made no mention of damage or casualties'.
"""

from __future__ import annotations

import re

from schemas.extraction import Measure
from services.extraction.claims.model import CASUALTY, NumberPhrase

_K, _J = Measure.KILLED, Measure.INJURED
# casualty noun -> the measures a zero of it states
_NOUNS: dict[str, tuple[Measure, ...]] = {
    "casualties": (_K, _J), "casualty": (_K, _J), "victims": (_K, _J), "injuries": (_J,),
    "injured": (_J,), "wounded": (_J,), "deaths": (_K,), "dead": (_K,), "fatalities": (_K,),
    "killed": (_K,), "hurt": (_J,), "died": (_K,), "casualites": (_K, _J),  # (a common misspelling)
}
_NOUN = r"(?:casualt(?:ies|y)|casualites|victims|injuries|injured|wounded|deaths|dead|fatalities)"
_VERB = r"(?:killed|injured|hurt|wounded|died)"
_BE = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got)"

ZERO_CASUALTIES = re.compile(
    # 'no casualties', 'no reports of injuries', 'no damage or casualties', 'no hits to
    # infrastructure or casualties', 'without victims and destruction', 'no civilian casualties'
    r"\b(?:no|without(?:\s+any)?)\s+(?!(?:mention|information|word|details?|data|confirmation|indication|news)\b)"
    r"(?:reports?\s+of\s+|(?:[a-z]+\s+){1,3}(?:or|and)\s+)?"
    r"(?:(?:civilian|human)\s+)?(?P<noun>" + _NOUN + r")\b"
    # 'no one was killed or injured', 'nobody was hurt', 'no one died'
    r"|\b(?:no\s+one|no-one|nobody|no\s+(?:people|persons|civilians|residents))\s+(?:" + _BE
    + r"\s+)?(?:reportedly\s+)?"
    r"(?P<verb>" + _VERB + r")(?:\s+or\s+(?P<verb2>" + _VERB + r"))?\b"
)
ZERO_NEEDLES = ("no ", "no-one", "nobody", "without")
"""one of these is in every match: the pattern runs only where one is"""


PENDING_AFTER = re.compile(r"[^.;]{0,30}?\b(?:so\s+far|yet|immediately|at\s+this\s+time)\b")
"""'no casualties reported so far', 'no injuries have been reported yet': a report still pending"""


def zero_phrases(low: str) -> list[NumberPhrase]:
    """A value-0 casualty phrase per measure each zero statement of the sentence names ('nobody was
    seriously injured' states no zero: the lightly injured are left open)."""
    if not any(n in low for n in ZERO_NEEDLES):
        return []
    out: list[NumberPhrase] = []
    for m in ZERO_CASUALTIES.finditer(low):
        if PENDING_AFTER.match(low, m.end()):
            continue
        words = [w for w in (m.group("noun"), m.group("verb"), m.group("verb2")) if w]
        measures = dict.fromkeys(x for w in words for x in _NOUNS[w])
        for measure in measures:
            out.append(NumberPhrase(start=m.start(), end=m.end(), qual_start=m.start(), np_end=m.end(),
                                    value=0, head=CASUALTY, casualty_measure=measure))
    return out
