"""`extract(article) -> Extraction`: the library's one entry point, pure and without I/O."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from schemas.article import Article
from schemas.extraction import EntityType, Extraction
from services.extraction.claims import (
    ArticleContext,
    Draft,
    SentenceHints,
    extract_sentence_claims,
    mark_references_by_date,
    number_matches,
    remember_date,
    remember_period,
    without_other_causes,
    without_restatements,
    without_rounded_headline,
    without_superseded_tolls,
    without_victim_details,
)
from services.extraction.claims.other_stories import other_story_spans
from services.extraction.claims.zeros import ZERO_NEEDLES, zero_phrases
from services.extraction.cyrillic.names import people_and_outlets
from services.extraction.cyrillic.reader import cyrillic_drafts
from services.extraction.dates import find_date_cues, publication_day, stated_years, text_year
from services.extraction.gazetteer import Gazetteer, Mention, default_gazetteer, fold
from services.extraction.keywords import DATE, NUM, PERIOD, ROLE, SPEECH
from services.extraction.language import ENGLISH, detect_language
from services.extraction.names import as_known_people, people_by_name_rules, surnames_of_named_people
from services.extraction.org_patterns import organisations_by_name_rules
from services.extraction.roles import people_after_roles
from services.extraction.sentences import split_sentences

Span = tuple[int, int]
# 'Russia's military advantage': the adjective, not the institution ('Russia's military said')
_MILITARY_AS_ADJECTIVE = re.compile(
    r"\s+(?:advantage|superiority|strength|spending|budget|bases?|power|presence|doctrine|might|aid|hardware"
    r"|equipment|losses|operations?|build-?up|campaign|analysts?|experts?|bloggers?|capabilit(?:y|ies)"
    r"|production|industry|facilit(?:y|ies)|targets?|sites?|units?|personnel|aircraft|vehicles|airfields?"
    r"|intelligence|leadership|command|commanders|officers|planners|expansion|threat|pressure|invasion"
    r"|aggression|offensive|escalation)\b"
)
_DIGITS = re.compile(r"\d+")
_YEAR_IN_DIGITS = re.compile(r"20\d\d")  # dates.py's period hint


def _shift(mentions: list[Mention], offset: int) -> list[Mention]:
    return [Mention(m.entry, m.start - offset, m.end - offset, m.text) for m in mentions]


def _article_hints(
    folded: str, keywords: list[tuple[int, int, int]],
) -> tuple[list[int], list[Span], list[Span]]:
    """Where numbers may start and date/period words lie in the whole article (sorted): the
    gazetteer pass's keywords plus the digit runs ('6-7' hints a date, '2025' a period)."""
    numbers = [s for s, _, kinds in keywords if kinds & NUM]
    dates = [(s, e) for s, e, kinds in keywords if kinds & DATE]
    periods = [(s, e) for s, e, kinds in keywords if kinds & PERIOD]
    n = len(folded)
    for m in _DIGITS.finditer(folded):
        a, b = m.span()
        numbers.append(a)
        if b + 1 < n and folded[b] == "-" and folded[b + 1].isdecimal():
            dates.append((b - 1, b + 2))
        if b - a >= 4 and "20" in m.group():
            periods.extend((a + y.start(), a + y.end()) for y in _YEAR_IN_DIGITS.finditer(m.group()))
    numbers.sort()
    dates.sort()
    periods.sort()
    return numbers, dates, periods


_NO_END = float("inf")


def _inside(spans: list[Span], at: int) -> bool:
    """Whether `at` lies in one of the sorted, disjoint `spans`."""
    k = bisect_right(spans, (at, _NO_END)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _within(spans: list[Span], starts: list[int], s: int, e: int) -> list[Span]:
    """The spans starting in [s, e), shifted to start at s."""
    return [(a - s, b - s) for a, b in spans[bisect_left(starts, s):bisect_left(starts, e)]]


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Entities (every gazetteer mention in the text) and strike claims of one article."""
    reading = read_article(article, gazetteer)
    return Extraction.model_construct(
        article_id=article.id, published=article.published_at, language=reading.language,
        entities=[m.to_entity() for m in reading.mentions], strikes=[d.to_claim() for d in reading.drafts],
    )


class Reading(NamedTuple):
    """What the extractor read in one article (`strikewatch extract --explain` shows the drafts'
    rule names)."""

    mentions: list[Mention]
    drafts: list[Draft]
    language: str


def read_article(article: Article, gazetteer: Gazetteer | None = None) -> Reading:
    """The mentions, the draft claims and the language of one article."""
    gaz = gazetteer or default_gazetteer()
    text = article.text
    folded = fold(text)
    mentions, keywords = gaz.scan(text, folded)
    # other stories' headlines under the article ('More about', timestamped lists): not its facts
    others = other_story_spans(text) if "\n" in text else []
    if others:
        mentions = [m for m in mentions if not _inside(others, m.start)]
    language = detect_language(text, article.language)
    pub = publication_day(article.published_at)
    if language != ENGLISH:
        mentions = people_and_outlets(text, mentions, language, gaz)  # 'Олега Синєгубова', 'A42.ru'
        drafts = cyrillic_drafts(text, folded, mentions, pub, language)
        mark_references_by_date(drafts, pub)
        return Reading(mentions, without_restatements(drafts), language)
    if "military " in folded:
        mentions = [m for m in mentions if not (m.text.endswith("military")
                                                and _MILITARY_AS_ADJECTIVE.match(folded, m.end))]
    mentions = organisations_by_name_rules(text, mentions)  # 'Odesa Regional Military Administration'
    mentions = surnames_of_named_people(text, mentions)  # 'Oleksiy Kuleba' is not Dmytro
    roles = [(s, e) for s, e, kinds in keywords if kinds & ROLE]
    people = people_after_roles(text, roles, mentions) if roles else []  # 'governor Ivan Rudnytskyi'
    if people:
        mentions = sorted(mentions + people, key=lambda m: m.start)
    speech = [(s, e) for s, e, kinds in keywords if kinds & SPEECH]
    if more := people_by_name_rules(text, mentions, speech):  # bylines, photo credits, 'X said'
        people += more
        mentions = sorted(mentions + more, key=lambda m: m.start)
    if people:  # a new spelling of a listed name; the surname alone later on
        as_known_people(people, gaz)
        mentions = surnames_of_named_people(text, mentions)
    ctx = ArticleContext(pub=pub, folded=folded, year_hint=None if pub else text_year(folded))
    if article.title and pub is not None:
        title_cues = find_date_cues(article.title, pub)
        if title_cues:
            ctx.current_date = title_cues[0].date
    drafts: list[Draft] = []
    numbers, dates, periods = _article_hints(folded, keywords)
    date_starts = [a for a, _ in dates]
    period_starts = [a for a, _ in periods]
    if numbers or any(n in folded for n in ZERO_NEEDLES):  # (zeros: 'no one was hurt')
        idx = 0
        for i, sentence in enumerate(split_sentences(text)):
            ctx.sentence_index = i
            s, e = sentence.start, sentence.end
            if others and _inside(others, s):
                continue
            while idx < len(mentions) and mentions[idx].end <= s:
                idx += 1
            k = bisect_left(numbers, s)
            k2 = bisect_left(numbers, e, k)
            low = folded[s:e]
            matches = number_matches(low, [p - s for p in numbers[k:k2]]) if k2 > k else []
            if not matches and not zero_phrases(low):  # nothing to count; maybe a date or a frame
                if (d := bisect_left(date_starts, s)) < len(date_starts) and date_starts[d] < e:
                    remember_date(sentence, low, ctx, _within(dates, date_starts, s, e))
                if (p := bisect_left(period_starts, s)) < len(period_starts) and period_starts[p] < e:
                    remember_period(sentence, low, ctx, _within(periods, period_starts, s, e))
                continue
            j = idx
            while j < len(mentions) and mentions[j].start < e:
                j += 1
            in_sentence = _shift(mentions[idx:j], s)
            places = [m for m in in_sentence if m.entry.type == EntityType.PLACE]
            weapons = [m for m in in_sentence if m.entry.type == EntityType.WEAPON]
            # numbers inside names ('Mirage 2000', 'Taurus KEPD 350') are not counts
            blocked = [(m.start, m.end) for m in in_sentence if m.entry.type != EntityType.WEAPON]
            blocked += [(m.start + 1, m.end) for m in weapons]
            hints = SentenceHints(matches, _within(dates, date_starts, s, e),
                                  _within(periods, period_starts, s, e))
            drafts.extend(extract_sentence_claims(sentence, low, places, weapons, blocked, ctx, hints=hints))
        mark_references_by_date(drafts, pub, anchor=ctx.latest_date,
                                page_years=stated_years(folded) if pub is None else frozenset())
        drafts = without_victim_details(without_superseded_tolls(drafts, gaz.oblast_of))
        drafts = without_rounded_headline(without_restatements(without_other_causes(drafts)))
    return Reading(mentions, drafts, language)
