"""The words strike reports are written in: heads, modifiers, verbs per measure, cues.

All patterns run on folded (lower-case) sentence text. Kept apart from the claim logic so the
language can be extended without touching the control flow. The costly patterns sit behind a
gate (`gates.py`) listing words every match contains or ends with: keep those lists in step
when a pattern changes (tests/unit/extraction/test_gates.py checks them on generated text).
"""

from __future__ import annotations

import re

from schemas.extraction import Measure, Qualifier, WeaponClass
from services.extraction.gates import Needles, Suffixes

# -- noun phrase after a number -------------------------------------------------------------

# Modifiers that may sit between a number and its head noun ('40 long-range attack drones').
# Class adjectives are captured so 'two ballistic and 29 cruise missiles' keeps both classes.
NP_MODIFIER = re.compile(
    # ('surface-to-air guided missiles' that Russia fires at towns are S-300s: guided air missiles)
    r"(?:(?P<cls>aeroballistic|ballistic|cruise|guided\s+(?:air|aerial|aircraft)|air[- ]to[- ]surface"
    r"|surface[- ]to[- ]air|guided)"
    r"|(?P<nonstrike>anti[- ]aircraft|interceptor|air[- ]defen[cs]e)"
    r"|more|other|additional|further|new|russian|ukrainian|enemy|hostile|iranian(?:[- ](?:made|designed))?"
    r"|aerial|airborne|naval|sea|maritime|reconnaissance|surveillance|spy|suicide|fpv"
    r"|unguided"
    r"|long[- ]range|attack|strike|kamikaze|combat|decoy|imitation|simulator|jet(?:[- ]powered)?"
    r"|explosive[- ]laden|various|different|(?:types?|kinds?)\s+of|air[- ]launched|sea[- ]launched"
    r"|ship[- ]launched|ground[- ]launched|hypersonic|heavy|elderly|young|local|civilian|foreign"
    r"|small|unidentified|unmanned|fixed[- ]wing|aircraft[- ]type|airplane[- ]type|plane[- ]type|bomber"
    r"|military|one[- ]way(?:[- ]attack)?|incoming|explosive"
    # ('a downed drone', but not '116 shot down over the sea': a weapon noun must follow)
    r"|(?:downed|intercepted|shot[- ]down|destroyed|neutrali[sz]ed)"
    r"(?=\s+(?:[\w-]+\s+){0,2}?(?:drones?|uavs?|missiles?|rockets?|shaheds?|bombs?)\b)"
    r"|(?:sea|air|ground|land|ship)-?\s+and\s+(?:sea|air|ground|land)[- ]based"
    r"|(?:sea|air|ground|land|ship)[- ]based"
    r"|[\w-]+?-(?:year|month)-old|(?:-|\s)?type|-style"
    r"|[a-z]+-(?:made|designed|built|produced|launched|supplied))"  # 'Russia-launched Iran-made drones'
    r"(?=[\s,]|$)\s*",
)
_CLASS_HINTS = {
    "aeroballistic": WeaponClass.AEROBALLISTIC_MISSILES, "ballistic": WeaponClass.BALLISTIC_MISSILES,
    "cruise": WeaponClass.CRUISE_MISSILES,
}


def class_hint(word: str) -> WeaponClass | None:
    """The class an adjective implies for a missile head ('guided air' -> guided air missiles)."""
    w = " ".join(word.split())
    if w in _CLASS_HINTS:
        return _CLASS_HINTS[w]
    return WeaponClass.GUIDED_AIR_MISSILES  # guided air/aerial/aircraft, air-to-surface, guided


WEAPON_HEAD = re.compile(  # (the lookahead ends every alternative: 'bomber' is no 'bomb')
    r"(?:(?P<drones>(?:unmanned|uncrewed)\s+aerial\s+vehicles?|(?:unmanned|uncrewed)\s+aircraft"
    r"|uncrewed\s+aerial|uavs?|drones?|decoys"
    r"|loitering\s+munitions?)"
    r"|(?P<missiles>missiles?|rockets?|(?<=ballistic\s)ones|(?<=cruise\s)ones)"  # ('32 ballistic ones')
    r"|(?P<bombs>glide\s+bombs?|kabs?|guided\s+(?:aerial\s+|air\s+)?bombs?|(?:aerial|air)\s+bombs?|bombs?)"
    r"|(?P<total>(?:aerial|air)\s+targets|targets|air\s+attack\s+(?:assets|means|weapons|vehicles)"
    r"|means\s+of\s+(?:air\s+)?attack|aerial\s+weapons|projectiles|munitions|weapons"
    r"|(?:air|aerial)\s+assault\s+(?:vehicles|means|weapons)))"
    r"(?![\w-])",
)
# 'drone attacks', 'missile strikes': the number counts something else.
NOT_A_COUNT_AFTER_HEAD = re.compile(
    r"\s+(?:attacks?|strikes?|debris|wreckage|fragments|operators?|units?|alerts?|production|"
    r"factories|factory|plants?|launchers?|sites?|systems?|crews?|carriers?)\b"
)
AND_OTHER_WEAPONS = re.compile(
    r"(?:\s*(?:and|&|,)\s+|\s*/\s*)(?:(?:cruise|ballistic|guided|attack|strike|other|various|russian)\s+){0,2}"
    r"(?:missiles|drones|uavs)(?![\w-])"
)
PERSON_HEAD = re.compile(
    r"(?:people|persons?|civilians?|residents?|children|child|kids?|men|man|women|woman|boys?|girls?"
    r"|teenagers?|teens?|infants?|bab(?:y|ies)|others|employees|workers?|rescuers?|firefighters?"
    r"|medics?|paramedics?|passengers?|pensioners?|adults?|individuals?|police\s+officers?|employee"
    r"|journalists?|volunteers?|miners?|family\s+members|members\s+of\s+(?:a|one|the\s+same)\s+family"
    r"|victims|minors?|drivers?|pedestrians?|guards?|farmers?|teachers?|doctors?|nurses?|students?"
    r"|engineers?|electricians?|officers?|cyclists?|crew\s+members?|residents?)(?![\w-])"
)
ANY_WORD = re.compile(r"[a-z]{2,}\s+")  # one word of its own before a person noun ('dock workers')
CASUALTY_ADJECTIVE = re.compile(
    r"(?P<killed>(?:dead|killed|bod(?:y|ies)|deaths?|fatalit(?:y|ies)|lives)(?![\w-]))"
    r"|(?P<injured>(?:injured|wounded|hurt|injur(?:y|ies))(?![\w-]))"
)

# -- qualifiers, immediately before the number ----------------------------------------------

QUALIFIER_BEFORE = Suffixes(
    re.compile(
        r"(?:(?P<at_least>at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than"
        r"|in\s+excess\s+of|a\s+minimum\s+of|not\s+less\s+than)"
        r"|(?P<at_most>nearly|almost|up\s+to|fewer\s+than|less\s+than|under|as\s+many\s+as|a\s+maximum\s+of"
        r"|just\s+under|not\s+more\s+than)"
        r"|(?P<about>about|around|approximately|roughly|some|an\s+estimated|estimated|close\s+to"
        r"|more\s+or\s+less|circa|an?\s+approximate))\s+$"
    ),
    ("least", "than", "over", "of", "nearly", "almost", "to", "under", "as", "about", "around",
     "approximately", "approximate", "roughly", "some", "estimated", "less", "circa"),
)
QUALIFIERS = {"at_least": Qualifier.AT_LEAST, "at_most": Qualifier.AT_MOST, "about": Qualifier.ABOUT}
INTERCEPTED_MODIFIER = re.compile(r"\b(?:downed|intercepted|shot[- ]down|destroyed|neutrali[sz]ed)\s")
"""'debris of a downed drone', '14 of the downed drones': a participle before the noun that says
the weapons were intercepted"""
# Words that may sit between a verb and the number without changing anything.
FILLER_BEFORE = re.compile(r"(?:a\s+total\s+of|a\s+record|a\s+further|another|an\s+additional|all)\s+$")

# -- measures ----------------------------------------------------------------------------------

_AUX = (
    r"(?:(?:were|was|had|have|has|been|being|are|is|all|reportedly|successfully|also|later|then"
    r"|eventually|either|partially|subsequently|reported|said\s+to\s+have|confirmed|reportedly)\s+)*"
)
WEAPON_VERBS: dict[Measure, str] = {
    # 'shot down or suppressed' is the Air Force's combined intercept count, not a loss
    Measure.INTERCEPTED: r"(?:shot\s+down|downed|destroyed|neutrali[sz]ed|intercepted)\s*(?:/|,|or|and)\s*"
    r"(?:electronically\s+)?(?:suppressed|jammed"
    r"|locally\s+lost|(?:shot\s+down\s*)?(?:/|or)?\s*suppressed)|shot\s+down|shooting\s+down|shoots?\s+down|downed|downing"
    r"|downs|intercept(?:ed|ing|s)?"  # (headlines' present: 'Ukraine downs 15 of 18 drones')
    r"|destroy(?:ed|ing|s)?|neutrali[sz](?:ed|ing|es|e)?|eliminat(?:ed|ing|es?)|repell?(?:ed|ing)|took\s+down"
    r"|taken\s+down|brought\s+down|disabled|defeated|accounted\s+for",
    Measure.LOST: r"(?:locally\s+|locationally\s+)?lost|jamm(?:ed|ing)|suppress(?:ed|ing)|failed\s+to\s+reach"
    r"|unaccounted\s+for"
    r"|did\s+not\s+reach|didn't\s+reach|did\s+not\s+hit|redirected|diverted|went\s+missing|disappeared"
    r"|went\s+off\s+course|fell\s+in\s+open\s+(?:fields?|areas?)"
    # drones that left the defended airspace are lost to it: 'veered off course', 'vanished',
    # 'flew into Belarus' (a neighbouring country; 'flew towards Kyiv' is a launch)
    r"|veered\s+off(?:\s+course)?|strayed|vanished|deviated|left\s+(?:the\s+)?(?:ukrainian\s+)?airspace"
    r"|flew\s+(?:off\s+|away\s+)?(?:in)?to(?:wards?)?\s+(?:belarus|moldova|romania|poland|hungary|slovakia)",
    Measure.HIT: r"hit|hits|struck|penetrated|got\s+through|broke\s+through|slipped\s+through|reached"
    r"|evaded\s+(?:the\s+)?air\s+defen[cs]es?|made\s+impact|recorded\s+hitting|hitting"
    r"|landed|impacted|found\s+their\s+targets?|recorded\s+hits?|hits\s+by|impacts\s+of|strikes\s+by"
    # ('five drones plunged into the city', 'ten rockets fell on the district'; 'fell in open
    # fields' is a loss, matched first)
    r"|plunged\s+into|fell\s+(?:on|onto|in|into)|impact\s+of",
    Measure.LAUNCHED: r"launch(?:ed|ing|es)?|fir(?:ed|ing|es)|sent|sending|us(?:ed|ing)|deploy(?:ed|ing)"
    r"|employ(?:ed|ing)|dropp(?:ed|ing)"  # ('employed 265 drones', 'dropped two guided bombs on')
    r"|unleash(?:ed|ing)|hurl(?:ed|ing)|involv(?:ed|ing)|comprising|consisting\s+of|barrage\s+of"
    r"|wave\s+of|salvo\s+of|swarm\s+of|(?:attack(?:ed|ing)?|struck|targeted|hit|strik(?:e|ing))"
    r"(?:\s+[\w'-]+){0,5}?\s+(?:with|using)|(?<!along\s)(?<!together\s)(?<!border\s)with|using|targeted|attacked|took\s+part|detected"
    r"|recorded|tracked|flew|includ(?:ed|es)|compris(?:ed|es)|consist(?:ed|s)\s+of|spoke\s+of|registered"
    r"|(?:missiles|drones|uavs|weapons)\s+(?:were|was)",
}
_WEAPON_AFTER_ORDER = [Measure.INTERCEPTED, Measure.LOST, Measure.HIT, Measure.LAUNCHED]
_HIT_AFTER = r"|striking|slamm(?:ed|ing)\s+into|crash(?:ed|ing)\s+into|impacts?(?=\s+(?:in|on|at|near)\b)"
"""'four drones striking the district', 'a drone slammed into a block': a hit, after the weapons
(before them 'striking Kyiv with 40 drones' tells the launch)"""
WEAPON_AFTER = re.compile(  # (a closing dash ends an appositive: 'the most -- 20 drones -- were downed')
    r"[\s,\u2013\u2014]*(?:(?:of\s+which|of\s+them|which|that|in\s+total|in\s+all|overall|altogether|combined"
    r"|total)[\s,]+)?" + _AUX + "[\"'\u201c\u2018]?(?:"  # (a verb in quotes: 'were "lost"')
    + "|".join(f"(?P<{m.value}>{WEAPON_VERBS[m]}{_HIT_AFTER if m == Measure.HIT else ''})"
               for m in _WEAPON_AFTER_ORDER if m != Measure.LAUNCHED)
    + r"|(?P<launched>(?:launch|fir|us|deploy)ed|targeted|attacked|took\s+part|flew|were\s+involved))"
    r"(?![\w-])"
)
WEAPON_BEFORE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{m.value}>{WEAPON_VERBS[m]})" for m in _WEAPON_AFTER_ORDER)
    + r")(?![\w-])"
)
PERSON_VERBS = {
    Measure.KILLED: r"kill(?:ed|ing|s)?|dead|died|dying|perished|(?:lost|losing)\s+their\s+lives"
    r"|claimed\s+the\s+lives\s+of|fatalities|deaths|bodies\s+of|deaths?\s+of",
    Measure.INJURED: r"injur(?:ed|ing|es|y)?|wound(?:ed|ing|s)?|hurt"
    r"|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)",  # (received minor injuries)
}
CARE_VERBS = (
    r"hospitali[sz]ed|(?:sought|needed|required|received|requested)\s+(?:medical|hospital)\s+"
    r"(?:assistance|help|attention|care|treatment)|taken\s+to\s+(?:the\s+)?hospitals?"
)
"""'two people were hospitalized', 'had sought medical assistance': injured, when no toll of the
attack counts them already (claims.article_passes.without_victim_details)"""
CARE_ONLY = re.compile(CARE_VERBS)
_NOT_CONJ = r"(?!(?:and|or|but|while|as|with)\s)"
PERSON_AFTER = re.compile(
    r"(?:\s*,[^,.;]{1,45},)?(?:\s+aged\s+\d+(?:\s*(?:,|and|or)\s*\d+)*)?"
    r"\s*(?:" + _NOT_CONJ + r"[\w'-]+\s+){0,3}?" + _AUX
    + r"(?:(?:critically|seriously|severely|slightly|fatally|badly|lightly)\s+)?"
    r"(?:(?P<killed>" + PERSON_VERBS[Measure.KILLED] + r")|(?P<injured>" + PERSON_VERBS[Measure.INJURED]
    + r"|" + CARE_VERBS + r"))(?![\w-])"
)
# Headless number ('26 were injured'): the verb must follow without a comma ('Alja, 23, was
# killed' gives the age, not a count).
HEADLESS_AFTER = re.compile(
    r"\s*(?:(?:others?|more)\s+)?(?:(?:in|from)\s+[\w' -]{2,30}?\s+)?" + _AUX
    + r"(?:(?:critically|seriously|severely|slightly|fatally|badly)\s+)?"
    r"(?:(?P<killed>killed|dead|died|perished)|(?P<injured>injured|wounded|hurt))(?![\w-])"
)
PERSON_BEFORE = re.compile(
    r"(?<![\w-])(?:(?P<killed>" + PERSON_VERBS[Measure.KILLED] + r")|(?P<injured>"
    + PERSON_VERBS[Measure.INJURED] + r"))(?![\w-])"
)
HEADLESS_BEFORE = Suffixes(
    re.compile(
        r"(?:(?P<killed>killing|killed|kills|kill|left|leaving)|(?P<injured>injuring|injured|wounding|wounded"
        r"|injures|injure|hurting))\s+$"
    ),
    ("killing", "killed", "kills", "kill", "left", "leaving", "injuring", "injured", "wounding", "wounded",
     "injures", "injure", "hurting"),
)
TOLL_BEFORE = Suffixes(
    re.compile(
        r"(?:(?P<killed>death\s+toll|(?:regional|overall|total|city's|the)\s+toll"
        r"|number\s+of\s+(?:dead|deaths|people\s+killed|fatalities|victims))"
        r"|(?P<injured>number\s+of\s+(?:injured|wounded|people\s+injured)|injur(?:y|ies)\s+toll))"
        r"(?:\s+[\w'-]+){0,16}?\s+(?:to|at|reached|is|was|of|stands\s+at|stood\s+at)\s+$"
    ),
    ("to", "at", "reached", "is", "was", "of"),
)
# '52 of the 60', '18 out of 23', 'of which', 'of them'
ANAPHORA_AFTER = re.compile(r"\s+(?:out\s+)?of\s+(?:them|these|those|which|whom|the\s+(?=\d)|(?=\d))")
ANAPHORA_OF_THE = re.compile(r"\s+of\s+(?:the|its|their)\s+")
ANAPHORA_SENTENCE_START = re.compile(
    r"^\s*(?:of\s+(?:these|them|those|this\s+number|the\s+total)|among\s+them|in\s+total|in\s+all|overall)\b"
)
BREAKDOWN_BEFORE = Suffixes(
    re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which"
               r"|among\s+the\s+(?:dead|injured|wounded|victims|killed)(?:\s+(?:in|on|at|from)\s+[^,.;]{1,40}?)?"
               r"(?:\s+(?:were|was|are))?"
               r"|(?:dead|injured|wounded|victims|killed|casualties)\s+(?:also\s+)?includ(?:ed|es|e))[\s,:]*$"),
    ("including", "them", "whom", "which", "dead", "injured", "wounded", "victims", "killed", "included",
     "includes", "include", "were", "was", "are"), strip=",:",
)
ELLIPSIS_PLACE_AFTER = re.compile(
    r"\s+(?:more\s+|others?\s+|each\s+)?(?:in|from|near|around|over|above|across)\s+(?:the\s+)?"
)
EACH_AFTER = re.compile(
    r"\s+(?:(?:was|were|had\s+been|have\s+been)\s+)?(?:(?:shot\s+down|downed|destroyed|intercepted)\s+)?"
    r"(?:over\s+|in\s+)?each\b"
)
"""'three each over Bryansk and Kaluga oblasts', 'eight were shot down each over A and B', 'one
was intercepted over each of A, B and C': the figure once per place named"""
# 'over the Kursk region, ' ending the gap before a list item ('three drones over Belgorod')
AFTER_PLACE_PHRASE = re.compile(r"^\s+(?:in|over|above|near|across)\s+[^,;.]{1,60},\s*(?:and\s+)?$")
# '..., as well as two Neptune missiles': a list item that shares the verb of the one before
COORDINATION_END = Suffixes(
    re.compile(r"(?:^|[\s,])(?:and|as\s+well\s+as|plus|along\s+with|together\s+with)\s+$"),
    ("and", "as", "plus", "with"),
)
# 'were hit by two Kh-101s launched from ...': the passive names the hits, whatever follows
HIT_BY_BEFORE = Suffixes(
    re.compile(r"\b(?:hit|struck)(?:\s+[\w'-]+){0,4}?\s+by\s+$"),
    ("by",),
)  # ('a block hit a day earlier by a missile': a time phrase may stand between)
# '200 of the drones were Gerbera decoys': what a part of the launched total was
COMPOSITION_AFTER = re.compile(r"\s+(?:were|was|are)\s+(?:(?:all|mostly|largely|likely)\s+)?")

# -- coordination between numbers ------------------------------------------------------------

LIST_GAP = re.compile(
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|plus|&|along\s+with|together\s+with|in\s+addition\s+to|or)?\s*(?:all\s+)?$"
)
BREAKDOWN_GAP = re.compile(  # ('downed 144 targets -- 102 missiles and 42 drones')
    r"\s*(?:[:(]|--|\u2014|\u2013|,?\s*(?:including|of\s+which|among\s+them|namely|comprising))[\s,:]*$"
)

# -- attackers --------------------------------------------------------------------------------

_WEAPON_MODIFIERS = (
    r"(?:(?:long[- ]range|attack|kamikaze|fixed[- ]wing|naval|sea|aerial|reconnaissance|combat|unmanned"
    r"|strike|military|heavy|jet|explosive[- ]laden|[a-z]+-(?:type|wing|range|made|based|powered))\s+){0,3}"
)
"""'Ukrainian aircraft-type unmanned aerial vehicles', 'Russian long-range attack drones': the words a
side's weapon noun may carry (an attacker cue for the side)"""
_COMPASS = (
    r"(?:western|eastern|northern|southern|central|north[- ]?eastern|south[- ]?eastern|north[- ]?western"
    r"|south[- ]?western)"
)
_NOT_OBJECT = (
    r"(?<!\bon\s)(?<!\bin\s)(?<!\bof\s)(?<!\bat\s)(?<!\bto\s)(?<!western\s)(?<!eastern\s)(?<!northern\s)"
    r"(?<!southern\s)(?<!central\s)"
)
"""'Kyiv launched' names the attacker; 'an attack on western Ukraine hits' names the target"""

UA_ATTACK_CUES = Needles(
    re.compile(
        r"ukrain(?:e|ian)(?:'s)?\s+(?:" + _WEAPON_MODIFIERS
        + r"(?:drones?|uavs?|unmanned\s+(?:aerial|attack)\s+vehicles?|missiles?|rockets?|air\s*strikes?"
        r"|strikes?|attacks?)|(?:forces|military|army|armed\s+forces|troops|navy)\s+"
        r"(?:launched|attacked|fired|struck|hit|targeted|(?:attempted|tried)\s+to\s+(?:attack|strike)))"
        # ('Kyiv launched', but not 'an attack on western Ukraine hits')
        r"|" + _NOT_OBJECT + r"(?:ukraine|kyiv)\s+(?:launched|attacked|fired|struck|hit|targeted|sent)\b"
        r"|\b(?:at|against|towards?)\s+russia\b(?!'s)"
        r"|(?:over|across|on)\s+(?:the\s+)?(?:territory\s+of\s+)?russia(?:n\s+(?:territory|regions?|soil))?\b"
        r"|(?:russian|russia's)\s+(?:regions?|territory|oil\s+refiner(?:y|ies)|refiner(?:y|ies)|airfields?"
        r"|air\s+bases?|soil)"
        r"|(?<!from\s)occupied\s+crimea|(?:russian-installed|russian-appointed|moscow-installed)"
        # ('34 drones were fired toward the Russian capital'; 'a drone of the AFU', Russian usage)
        r"|towards?\s+(?:the\s+)?russian\s+capital"
        r"|(?:drones?|uavs?)\s+of\s+the\s+(?:afu|armed\s+forces\s+of\s+ukraine|ukrainian\s+armed\s+forces)\b"
        r"|afu\s+(?:attacked|launched|struck|fired|targeted)"
    ),
    ("ukrain", "kyiv", "russia", "occupied", "moscow", "afu"),
    ("ukrain", "kyiv", ("at", "russia"), ("against", "russia"), ("toward", "russia"), ("over", "russia"),
     ("drone of the", "afu"), ("drones of the", "afu"), ("uav of the", "afu"), ("uavs of the", "afu"),
     ("drone of the", "ukrain"), ("drones of the", "ukrain"), ("uav of the", "ukrain"),
     ("uavs of the", "ukrain"),
     "afu", ("across", "russia"),
     ("on", "russia"), "russia", "occupied", "moscow"),
)
# Russia's defence ministry and air defences report what Ukraine sent: a cue for intercepts only
# ('said it had struck ... with two Iskander-M missiles' is Russia attacking).
UA_REPORTER_CUES = Needles(
    re.compile(r"russia(?:n)?(?:'s)?\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|mod|air\s+defen[cs]es?"
               r"|air-defen[cs]es?"
               # 'Russia said it had shot down 30 drones' (one branch: the pattern keeps its literal start)
               r"|(?:said|says|claimed|claims|reported)\s+(?:that\s+)?(?:it|its\s+(?:air\s+defen[cs]es?|forces))\b"
               # 'Russia on Wednesday shot down a missile over Sevastopol'
               r"|(?:on\s+\w+\s+|overnight\s+)?(?:shot\s+down|downed|intercepted|repelled)"
               r"|defen[cs]e\s+(?:said|says|reported|claimed|announced))"
               # 'air defence systems on duty intercepted': the Russian ministry's own phrasing
               r"|\b(?:air|missile)\s+defen[cs]e\s+(?:[a-z]+\s+){0,2}?on\s+duty\b"),
    ("russia", "on duty"),
)
RU_ATTACK_CUES = Needles(
    re.compile(
        r"russia(?:n)?(?:'s)?\s+(?:forces\s+|troops\s+|military\s+|army\s+)?(?:had\s+|has\s+|have\s+)?"
        r"(?:launched|attacked|fired|struck|used|deployed|employed"
        r"|hit|targeted|sent|unleashed|pounded|bombarded|shelled)"
        r"|russian\s+(?:" + _WEAPON_MODIFIERS + r"(?:drones?|missiles?|uavs?|strikes?|air\s*strikes?"
        r"|attacks?|shelling|bombs?|bombardment|forces\s+(?:launched|attacked)))"
        r"|(?:ukrainian|ukraine's)\s+(?:air\s+defen[cs]es?|air\s+force|air-defen[cs]e)"
        r"|air\s+force\s+of\s+ukraine|\bthe\s+enemy\b"
        r"|moscow\s+(?:has\s+|had\s+)?(?:launched|fired|attacked|sent|used|deployed|employed|unleashed)"
        r"|(?:attack|strike|attacks|strikes)\s+on\s+(?:" + _COMPASS + r"\s+)?ukraine"
        r"|\b(?:at|against|towards?)\s+ukraine\b(?!'s)"
        # 'drones across Ukraine', 'Moscow's forces launched'
        r"|(?:across|throughout)\s+(?:the\s+)?(?:territory\s+of\s+)?ukraine\b"
        r"|moscow's\s+(?:forces|troops|military|army)"
        # ('Ukraine said it had been targeted by 595 drones': the target names the other side)
        r"|ukraine(?:\s+said)?(?:\s+(?:that\s+)?it)?\s+(?:had\s+|has\s+)?(?:been|was|came)\s+"
        r"(?:targeted|attacked|struck|hit|under\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?attack)"
    ),
    ("russia", "ukrain", "enemy", "moscow"),
    ("russia", "ukrain", ("air", "ukraine"), ("the", "enemy"), "moscow", ("attack", "ukraine"),
     ("strike", "ukraine"), ("at", "ukraine"), ("against", "ukraine"), ("toward", "ukraine"),
     ("across", "ukraine"),
     ("throughout", "ukraine")),
)

# -- reference figures, corrections, period and single-attack markers --------------------------

REFERENCE_BEFORE = Needles(
    re.compile(
        r"(?:previous|prior|former|earlier|last)\s+(?:[\w-]+\s+){0,3}?(?:record|high|largest|biggest|peak"
        r"|maximum|attack|barrage|assault)"
        r"|record\s+(?:of|set|attack|raid|barrage|assault|strike|night)\b"
        r"|compared\s+(?:with|to)|up\s+from|down\s+from"
        # ('the largest in more than a year': a duration, not a figure compared with)
        r"|than\s+(?:the\s+)?(?!(?:a|an|one|two|three|four|five|six|\d+)\s+(?:year|month|week|day|decade)s?\b)"
        r"|(?:surpass|exceed|eclips|top|beat|break|broke|overtak|outstrip)\w*(?:\s+[\w'-]+){0,4}?\s+"
        r"|(?:in|on)\s+(?:a|an)\s+(?:earlier|previous)\s+attack"
        # 'a day after 50 died', 'less than a week after it launched 477': the earlier attack's figure
        r"|(?:days?|weeks?|months?)\s+after\s+(?:(?:it|russia|moscow|they)\s+[a-z]+\s+)?$"
    ),
    ("previous", "prior", "former", "earlier", "last", "record", "compared", "from", "than",
     "surpass", "exceed", "eclips", "top", "beat", "break", "broke", "overtak", "outstrip", "after"),
    ("previous", "prior", "former", "earlier", "last", "record", "compared", ("up", "from"), ("down", "from"),
     "than", "surpass", "exceed", "eclips", "top", "beat", "break", "broke", "overtak", "outstrip",
     ("in", "attack"), ("on", "attack"), ("day", "after"), ("week", "after"), ("month", "after")),
)
REFERENCE_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:(?:a|one|two|three|several)\s+(?:weeks?|months?|years?)\s+(?:earlier|ago|before)"
    r"|earlier\s+(?:this|in\s+the)\s+(?:month|year|week)|(?:was|were|had\s+been)\s+(?:then\s+)?(?:the|a)"
    r"\s+(?:previous\s+)?(?:record|high)"
    r"|(?:both\s+|each\s+)?(?:the\s+)?(?:largest|biggest|record|most)\b[^.;]{0,20}?\s+at\s+the\s+time\b)"
    # 'a day after 50 died in another air attack' (no other figure between: 'Seven were killed in
    # Lviv, a day after 50 died in another attack' dates the 50, not the seven)
    r"|[^.;\d]{0,30}?\b(?:in|during)\s+(?:another|an\s+earlier|a\s+previous|the\s+previous)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:attack|strike|raid|barrage)s?\b"
)
REFERENCE_AFTER_WORDS = ("earlier", " ago", "before", "record", " high", "the time", "another", "previous")
# (one of them is in every match)
# 'Earlier this month, ... launched 810 drones in a single attack': the sentence is about an
# earlier attack (its figures are references when they are single attacks, not period totals)
REFERENCE_FRAME_STARTS = ("earlier", "a ", "one ", "two ", "three ", "several ")  # every match's start
REFERENCE_FRAME = re.compile(
    r"\s*(?:earlier\s+(?:this|in\s+the)\s+(?:week|month|year)|(?:a|one|two|three|several)\s+(?:days?|weeks?|months?)"
    r"\s+(?:ago|earlier)|earlier\s*,(?![^.]*\b(?:reported|said|says|told|wrote|stated|added)\b))"
)
# 'the largest attack since the start of the full-scale invasion': the period ranks the attack,
# it does not sum figures over it
SUPERLATIVE_BEFORE = Needles(
    re.compile(r"\b(?:largest|biggest|deadliest|heaviest|highest|worst|greatest|strongest|longest|fiercest"
               r"|most\s+(?:massive|intense|powerful|destructive))\b"),
    ("est", "most", "worst"),
)
CORRECTION_FRAME = Needles(
    re.compile(
        r"(?:earlier|previous|original)\s+version\s+of\s+this|(?:incorrectly|wrongly|mistakenly|erroneously)"
        r"\s+(?:said|stated|reported|gave|put|described)|misstated|misreported|^correction\b"
    ),
    ("version", "incorrectly", "wrongly", "mistakenly", "erroneously", "misstated", "misreported",
     "correction"),
    ("earlier", "previous", "original", "incorrectly", "wrongly", "mistakenly", "erroneously", "misstated",
     "misreported", "correction"),
)
CORRECTION_BREAK = re.compile(r";|\bbut\b|\bin\s+fact\b|\bactually\b|\bcorrect\s+(?:figure|number)\b"
                              r"|\binstead\b|\bhas\s+been\s+corrected\b|\bto\s+show\b|\bnow\b")
# 'Earlier, officials had put the number of dead at 26': a superseded toll
STALE_PLUPERFECT = Needles(
    re.compile(r"\bhad\s+(?:put|given|reported|said|stated|estimated|counted)\b"), ("had",),
)
NEGATED_BEFORE = Suffixes(
    re.compile(r"(?:\bnot|\brather\s+than|\binstead\s+of|\bnot\s+the|\bno)\s+$"),  # 'no one was hurt'
    ("not", "than", "of", "the", "no"),
)
# 'a man, 45, and two women': an age between two listed victims
AGE_GAP = re.compile(r"\s*,\s*\d{1,3}\s*,\s*(?:and\s+)?")
STALE_FROM = Suffixes(
    re.compile(r"(?:from|previously\s+reported|initially\s+reported|earlier\s+reported"
                        r"|first\s+reported)\s+(?:the\s+)?(?:previously\s+reported\s+)?$"),
    ("from", "reported", "the"),
)
SINGLE_ATTACK_MARKERS = Needles(
    re.compile(
        # ('in overnight attacks during September' sums many nights)
        r"\b(?:overnight(?!\s+(?:attacks|strikes|raids|barrages))|last\s+night"
        r"|(?:in|during)\s+(?:just\s+)?(?:a\s+single|one)\s+(?:night|attack|day|strike|barrage|wave)"
        r"|single[- ]night|one[- ]night|in\s+the\s+(?:latest|overnight)\s+attack)\b"
    ),
    ("night", "single", "one", "latest"),
    ("overnight", ("last", "night"), ("in", "single"), ("in", "one"), ("in", "attack"), ("during", "single"),
     ("during", "one"), "single",
     ("one", "night")),
)
NON_COUNT_BEFORE = Suffixes(
    re.compile(
        r"\b(?:article|no\.|number|package|round|phase|level|category|grade|block|building|house|page"
        r"|chapter|section|resolution|route|flight|unit|brigade|regiment|division|battalion|corps|army"
        r"|aged|age|ages|of\s+age)\s+$"
    ),
    ("article", "no.", "number", "package", "round", "phase", "level", "category", "grade",
     "block", "building", "house", "page", "chapter", "section", "resolution", "route", "flight", "unit",
     "brigade", "regiment", "division", "battalion", "corps", "army", "aged", "age", "ages"),
)
ATTACK_WORDS = Needles(
    re.compile(r"\b(?:attack|attacks|strike|strikes|barrage|assault|salvo|wave|bombardment"
                          r"|raid|onslaught)\b"),
    ("attack", "strike", "barrage", "assault", "salvo", "wave", "bombardment", "raid", "onslaught"),
    ("attack", "strike", "barrage", "assault", "salvo", "wave", "bombardment", "raid", "onslaught"),
)
CLAUSE_BREAK = re.compile(r"\s*[,;:]\s*|\s+(?:and|while|but|whereas)\s+|\s+[-\u2013\u2014]\s+")
# Rates, averages and forecasts are not strike figures: '2,700 Shaheds a month', 'could launch'.
RATE_AFTER = re.compile(
    r"\s+(?:a|per|each|every)\s+(?:month|night|day|week|year)\b(?!\s+(?:earlier|ago|before|later))"
)
HYPOTHETICAL_BEFORE = Needles(
    re.compile(
        r"\b(?:could|would|might|will|plans?\s+to|planning\s+to|capable\s+of|able\s+to|intends?\s+to"
        r"|aims?\s+to|produce[sd]?|producing|manufactur\w+|build(?:s|ing)?|stockpil\w+|deliver\w*|supply"
        r"|supplied|received|average\s+of|averag\w+)\b(?:\s+[\w'-]+){0,4}\s+$"
    ),
    ("could", "would", "might", "will", "plan", "able", "intend", "aim", "produc", "manufactur",
     "build", "stockpil", "deliver", "suppl", "received", "averag"),
)
# 'since September 4, 2024, when a strike killed seven': the clause dates one earlier attack
WHEN_CLAUSE = re.compile(r"\s*,?\s*when\b")  # matched at the end of the period phrase
# 'since July 11, when 167 drones were launched', 'a day after the deadliest attack of the year,
# when two missiles killed 50', 'the same month last year, when Russia launched 423': the 'when'
# clause tells an earlier attack, whatever the article's date (found also without a publication day)
PAST_WHEN = Needles(
    re.compile(
        r"\b(?:since|after|before|ago|last\s+(?:year|month|week)|previous\s+(?:year|month|week|record))\b"
        r"[^.;:]{0,70}?,\s*when\b"
    ),
    (", when",),
)
SUPERLATIVE_WAS = re.compile(
    r"\b(?:biggest|largest|heaviest|record|most\s+massive)\s+(?:[\w-]+\s+){0,4}?(?:was|were|has\s+been|had\s+been)\s+$"
)
"""'the biggest was 81 missiles', 'the largest barrage so far had been 90 drones'"""
# 'The drone attack comes a week after Russia's barrage claimed at least 20 lives': what follows
# 'comes/came N days after' is the earlier attack the article compares with
COMES_AFTER = Needles(
    re.compile(
        r"\b(?:comes?|came|follows?|followed)\s+(?:just\s+|exactly\s+|only\s+|less\s+than\s+|more\s+than\s+|nearly\s+"
        r"|almost\s+|about\s+|some\s+)?"
        r"(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+after\b"
    ),
    (" after",),
)
# 'As Ukrainian News reported earlier, on October 10 Russia fired 83 missiles': a retold earlier
# report (the sentence's figures are references, dated or not)
REPORTED_EARLIER_FRAME = re.compile(
    r"\W*as\s+(?:[\w'.-]+\s+){0,4}?(?:(?:earlier|previously)\s+reported|reported\s+(?:earlier|previously|before)"
    r"|(?:has\s+|had\s+)?reported,\s+(?:on|overnight|in)\b)\b"
)
# numbers of places are never strike figures ('over ten regions', 'at 24 locations')
PLACES_COUNTED_AFTER = re.compile(  # ('eight Russian regions', 'five border villages')
    r"\s+(?:(?:russian|ukrainian|border|frontline|front-line|other|more|different|occupied|civilian|residential"
    r"|energy|infrastructure|industrial|private|apartment|administrative|educational|medical)\s+)?(?:regions|oblasts|provinces|locations|sites|settlements|towns|villages|cities|districts"
    r"|communities|homes|houses|buildings|facilities|objects)\b"
)
PLACE_FOLLOWS = re.compile(r"\b(?:in|near|at|around|over|above)\s+")
INCREMENT_AFTER = re.compile(r"\s+(?:more|additional|further|other\s+additional)\b")
LAUNCH_SITE_BEFORE = Suffixes(
    re.compile(r"\bfrom\s+(?:the\s+)?$"),
    ("from", "the"),
)
# 'fired from Tu-95MS bombers over the Volgograd and Saratov regions': where they came from
LAUNCH_AREA_BEFORE = re.compile(
    r"(?:(?:launched|fired)\s+from|(?:bombers|aircraft|planes|jets|ships|submarines|vessels|carriers)\s+"
    r"(?:flying\s+)?(?:over|from|in))\s+(?:the\s+)?(?:[\w'-]+(?:,\s*|\s+and\s+|\s+)){0,4}$"
)
# '(Corrects death toll in paragraph 1 ...)': an editor's note about the story, not a report
EDITORS_NOTE = re.compile(r"\s*\(?(?:corrects|updates|adds|recasts|rewrites|changes|fixes|refiles|removes)\s")
# 'killed a woman and her teenage son': two victims
AND_KIN_AFTER = re.compile(
    r"\s+and\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:son|daughter|mother|father|husband|wife|child|grandson"
    r"|granddaughter|grandmother|grandfather|brother|sister|baby|neighbou?r|friend)\b"
)
# '150,000 residents were left without heating', '200 people were evacuated': no casualties
NOT_CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:were|was|are|have\s+been|had\s+been|remain(?:ed)?)\s+)?(?:left\s+)?(?:without|evacuated"
    r"|displaced|rescued|missing|unaccounted)\b"
)
# 'a woman, 58, died': the age of the person just named; 'men aged 39 and 56': a list of ages
AGE_APPOSITION = re.compile(r"[a-z'-]+,\s+$")
AGE_LIST_BEFORE = re.compile(r"\bage[ds]?\s+\d+(?:\s*(?:,|and|or)\s*\d+)*\s*(?:,|and|or)\s*$")
# 'leaving 200,000 households without power': a headless number followed by its own noun
OWN_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|in|on|at|near|when|after|as|across|while|including|among|from|with|during"
    r"|overnight|others?|more|people|dead|injured|wounded|of|since|by|to|today|yesterday|this|now|so|according"
    r"|officials|authorities|police|he|she|they|it|the|local|regional|city|governor|mayor)\b)[a-z]"
)
# 'the death toll rose to 16', 'bringing the toll to four': a toll that replaces earlier ones
TOLL_UPDATE_BEFORE = Suffixes(
    re.compile(r"\b(?:ris(?:en|es|e)|rose|climbed|climbs|increased|grown|grew|jumped|bringing|brought)\s"
               r"(?:[\w'-]+\s+){0,8}?to\s+(?:at\s+least\s+)?$"),
    ("to", "least"),
)
BULLET_START = re.compile(r"^\s*(?:[-\u2013\u2014\u2022*]\s+|\d+[.)]\s+)")
MIXED_MODELS_AFTER = re.compile(
    r"\s*(?:,|and|or|as\s+well\s+as)\s+(?:(?:other|various|different)\b|[\w-]+\s+decoys|decoys?\b"
    r"|drones\s+of\s+(?:other|various|different))|\s+(?:and\s+)?of\s+(?:other|various|different)\s+types"
)
