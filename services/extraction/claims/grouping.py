"""Stage 2, grouping: coordinated numbers share a verb ('40 missiles and 579 drones were
launched'), and each group gets its own stretch of the sentence for attribution."""

from __future__ import annotations

from schemas.extraction import Qualifier
from services.extraction import lexicon as lx
from services.extraction.claims.model import CASUALTY, PERSON, WEAPON, Group, NumberPhrase

LIST_GAP_LIMIT = 40  # characters between two list items ('40 missiles, and 579 drones')
_WEAPON_KINDS = (WEAPON, None)
_CASUALTY_KINDS = (PERSON, CASUALTY, None)


def group_phrases(low: str, nps: list[NumberPhrase]) -> list[Group]:
    """Coordinated phrases in one group; headless members borrow the group's head."""
    groups: list[Group] = []
    for np in nps:
        if groups and np.value and groups[-1][-1].value:  # (an explicit zero stands alone)
            prev = groups[-1][-1]
            gap = low[prev.np_end : np.qual_start]
            same_kind = (prev.head in _WEAPON_KINDS and np.head in _WEAPON_KINDS) or (
                prev.head in _CASUALTY_KINDS
                and np.head in _CASUALTY_KINDS
                # ('four fatalities and 17 people injured': a noun that names its measure is a
                # count of its own, not an item of the people the next verb counts)
                and {prev.head, np.head} != {CASUALTY, PERSON}
            )
            # ('launched 542 drones, 515 of which ...': a part of the list's item, not another item)
            part_of_previous = np.relative or np.borrow_next or (np.anaphora and np.head is None)
            # 'Twenty-one of 23 missiles and two drones were shot down': the whole after its part
            # stands alone; the item after it is coordinated with the part (it shares the verb)
            after_whole = len(groups) > 1 and groups[-2][-1].borrow_next and len(groups[-1]) == 1
            if (
                same_kind
                and not prev.borrow_next
                and not after_whole
                and not part_of_previous
                and len(gap) < LIST_GAP_LIMIT
                and (lx.LIST_GAP.fullmatch(gap) or (prev.head == PERSON and lx.AGE_GAP.fullmatch(gap)))
            ):
                groups[-1].append(np)
                continue
            if (
                (prev.head == WEAPON or prev.anaphora)
                and np.head in _WEAPON_KINDS
                and lx.BREAKDOWN_GAP.fullmatch(gap)
            ):
                np.breakdown = True
        groups.append([np])
    for group in groups:
        _share_within(group)
    return groups


def _share_within(group: Group) -> None:
    """'two ballistic and 29 cruise missiles': headless members borrow the head after them; a
    qualifier in front of a list applies to each item ('more than 1,300 drones and 40 missiles')."""
    if group[0].qualifier != Qualifier.EXACT:
        for np in group[1:]:
            if np.qualifier == Qualifier.EXACT and np.qual_start == np.start:
                np.qualifier = group[0].qualifier
    heads = [g for g in group if g.head is not None]
    if not heads:
        return
    for i, np in enumerate(group):
        if np.head is None and not np.anaphora and not np.borrow_next:
            later = next((g for g in group[i + 1 :] if g.head is not None), heads[-1])
            np.head = later.head
            np.casualty_measure = later.casualty_measure
            if later.head == WEAPON:
                if np.hint is not None:
                    np.weapon_class = np.hint
                else:
                    np.weapon_class, np.weapon_model = later.weapon_class, later.weapon_model


def segments(low: str, groups: list[Group], verb_ends: list[int]) -> list[tuple[int, int]]:
    """Each group's own stretch of the sentence: from the clause break after the previous
    group's verb to the clause break after its own ('killed in Kharkiv | and three in Odesa')."""
    cuts = [0]
    for gi in range(len(groups) - 1):
        lo = max(verb_ends[gi], groups[gi][-1].np_end)
        hi = groups[gi + 1][0].qual_start
        m = lx.CLAUSE_BREAK.search(low, lo, hi) if lo < hi else None
        if m and lx.EACH_AFTER.match(low, groups[gi][-1].np_end):
            *_, m = lx.CLAUSE_BREAK.finditer(low, lo, hi)  # 'three each over A and B, two ...': the
            # places after 'each' all belong to the figure (cut at the last break)
        cuts.append(m.start() if m else hi)
    cuts.append(len(low))
    return [(cuts[i], cuts[i + 1]) for i in range(len(groups))]
