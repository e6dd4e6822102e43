"""English constructions read for the language, not for a page: each case is a sentence of ours
and the figure it must give (issue 10, real-text misses of 2026-12-07)."""

from __future__ import annotations

import pytest

from tests.support.extraction import brief

CASES = [
    # 'N more <place>' after a weapon count: more of the same weapons, elsewhere
    ("The ministry said it shot down 14 drones over Kursk and 31 more across the south.",
     ("UA", "intercepted", "drones", 31)),
    ("Air defences downed three drones over Bryansk, two more over Oryol and one more over Tula.",
     ("UA", "intercepted", "drones", 2)),
    # the part named with its noun before the whole: 'N <weapons> of M'
    ("Ukraine said 30 missiles of 45 fired overnight were shot down.", ("RU", "intercepted", "missiles", 30)),
    ("Ukraine said 30 missiles of 45 fired overnight were shot down.", ("RU", "launched", "missiles", 45)),
    # a figure in dashes: the verb after the closing dash counts it
    ("The ministry said the largest share -- 18 drones -- was downed over the Oryol region."
     .replace("--", "\u2014"), ("UA", "intercepted", "drones", 18)),
    # 'and another <place>' after a weapon count: one more of them
    ("Air defences shot down two drones over Kursk and another over Belgorod.",
     ("UA", "intercepted", "drones", 1)),
    # a capital as the subject of a launch verb is the attacker
    ("Moscow used 75 drones in the overnight raid, the air force said.", ("RU", "launched", "drones", 75)),
    # 'dropped' and 'employed' launch
    ("Overnight Russian forces dropped four guided bombs on the town.", ("RU", "launched", "glide_bombs", 4)),
    # a noun that names its measure is a count of its own beside people another verb counts
    ("The strike left three fatalities and 11 people injured in the town.", ("RU", "killed", None, 3)),
    ("The strike left three fatalities and 11 people injured in the town.", ("RU", "injured", None, 11)),
    # a number inside the phrase before it counts nothing of its own
    ("The strike on the village killed three members of one family.", ("RU", "killed", None, 3)),
    # 'another' with its own casualty verb: one more, the verb says which
    ("One woman was killed in the strike and another was injured.", ("RU", "injured", None, 1)),
    # 'received/suffered injuries' injures; an occupation with 'an' counts one
    ("Four residents suffered minor injuries, the governor said.", ("RU", "injured", None, 4)),
    ("The mayor said an electrician was wounded at the substation.", ("RU", "injured", None, 1)),
    # a headline's present tense
    ("Air defence downs 21 of 25 drones over the south", ("RU", "intercepted", "drones", 21)),
    # the side is told by who was targeted, or by where the weapons flew
    ("Ukraine said it had been targeted by 70 drones overnight.", ("RU", "launched", "drones", 70)),
    ("The ministry said 12 drones were fired toward the Russian capital overnight.",
     ("UA", "launched", "drones", 12)),
    ("The ministry said Ukrainian forces tried to strike a bridge using four naval drones.",
     ("UA", "launched", "drones", 4)),
    # Russian usage: 'a drone of the AFU' attacks; 'the air defence forces of the AFU' report
    ("Two drones of the AFU attempted to attack the region; both were shot down, the governor said.",
     ("UA", "launched", "drones", 2)),
    ("With the air defence forces of the AFU, the air force destroyed 15 enemy attack UAVs.",
     ("RU", "intercepted", "drones", 15)),
    # an item joined to an object keeps the object's verb, not a later clause's
    ("Russia fired 200 drones as well as nine missiles overnight, and air defences stopped most and downed"
     " three cruise missiles.", ("RU", "launched", "missiles", 9)),
    # a class adjective with 'ones' keeps the class
    ("Russia fired 60 missiles at Ukraine overnight, including 12 cruise ones.",
     ("RU", "launched", "cruise_missiles", 12)),
    # 'weapons' counts every kind
    ("Russia used 210 weapons in the overnight barrage, the air force said.",
     ("RU", "launched", "total", 210)),
    # a verb in quotes still counts
    ("Air defences shot down 40 drones overnight, while 12 were \"lost\", the air force said.",
     ("RU", "lost", "drones", 12)),
    # drones that left the defended sky are lost to it
    ("Four drones veered off course overnight, the air force said.", ("RU", "lost", "drones", 4)),
    ("Two drones flew into Moldova during the night, the air force said.", ("RU", "lost", "drones", 2)),
    ("The remaining 30 drones vanished from radar, the air force said.", ("RU", "lost", "drones", 30)),
    # the object of a verb is counted by it, not by a later clause's verb
    ("Russia launched 90 drones overnight, and air defences stopped most of them and downed two missiles.",
     ("RU", "launched", "drones", 90)),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_construction_gives_its_figure(text: str, expected: tuple) -> None:
    assert expected in brief(text)
