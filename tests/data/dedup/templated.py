"""Templated nightly series: the way the counted sources publish, in our own words.

Three formats, each with the same wording every night and only that night's dates and figures
changing (the texts are ours, written after each source's format, not copied from it):
- `airforce`: the Ukrainian Air Force's morning summary, in Ukrainian;
- `mod`: the Russian Defence Ministry's interception report with its per-region list, in Russian
  (overnight reports without a date; daytime ones name the day);
- `wire`: an English wire item of one or two stock sentences.

`night_report` renders one night; `republications` renders what other outlets make of it (changed
headline, an added source line, a byline, a dropped paragraph, another outlet's dateline). Used by
`build_set.py` (the labelled set of `strikewatch eval dedup`) and by the property tests in
tests/unit/dedup/test_templated_series.py. Pure and deterministic for a given `random.Random`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

SOURCES = ("airforce", "mod", "wire")
UK_MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
             "жовтня", "листопада", "грудня")
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
LAUNCH_SITES = ("Курськ", "Орел", "Брянськ", "Міллерово", "Приморсько-Ахтарськ", "Шаталово", "Навля",
                "Гвардійське", "Чауда")
RU_REGIONS = ("Брянской областью", "Курской областью", "Белгородской областью", "Орловской областью",
              "Воронежской областью", "Ростовской областью", "Крымом", "Московским регионом",
              "акваторией Чёрного моря", "Калужской областью")
UA_REGIONS = ("Kharkiv", "Odesa", "Sumy", "Dnipropetrovsk", "Zaporizhzhia", "Chernihiv", "Kyiv")


@dataclass(frozen=True)
class Night:
    """One night's figures as a source reports them (the morning's date is `day`)."""

    day: dt.date
    drones: int
    downed: int
    missiles: int = 0
    """ballistic missiles (Air Force) or sea drones (MoD); 0: the sentence is left out"""
    hits: int = 0
    sites: int = 0
    debris: int = 0
    injured: int = 0
    regions: tuple[int, ...] = field(default=())
    """MoD: drones per region of RU_REGIONS, in list order (sums to `downed`)"""
    sites_from: tuple[int, ...] = field(default=(0, 1, 2))
    """Air Force: launch sites named (indexes into LAUNCH_SITES)"""
    region: int = 0
    """wire: the Ukrainian region of the injured"""
    wording: int = 0
    """wire: which stock sentence (0 or 1); MoD: 1 = a daytime report that names the day"""


@dataclass(frozen=True)
class Report:
    """One article as the feed producer would carry it."""

    id: str
    url: str
    title: str
    text: str
    published: dt.datetime


def _kyiv(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute,
                       tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _airforce(n: Night) -> tuple[str, list[str]]:
    eve = n.day - dt.timedelta(days=1)
    missiles = f" та {n.missiles} балістичних ракет Іскандер-М" if n.missiles else ""
    paras = [
        f"Вночі проти {n.day.day} {UK_MONTHS[n.day.month - 1]} (від 18:00 {eve.day} "
        f"{UK_MONTHS[eve.month - 1]}) ворог запустив по Україні {n.drones} ударних БпЛА (Shahed, "
        f"«Гербера», імітатори){missiles}.",
        "Напрямки пусків: " + ", ".join(LAUNCH_SITES[i] for i in n.sites_from) + ".",
        "Відбиття атаки забезпечували авіація, зенітні ракетні підрозділи, РЕБ, безпілотні "
        "системи та мобільні вогневі групи.",
        f"Станом на 08:30 сили ППО збили або подавили {n.downed} дронів на півночі, сході та півдні "
        "країни.",
    ]
    if n.hits:
        paras.append(f"Влучання {n.hits} БпЛА зафіксовано на {n.sites} локаціях, уламки впали ще на "
                     f"{n.debris}.")
    paras.append("Атака триває: у небі ще є ворожі дрони. Не ігноруйте сигнали тривоги!")
    title = f"Повітряні сили: збито {n.downed} з {n.drones} дронів"
    return title, paras


def _mod(n: Night) -> tuple[str, list[str]]:
    when = (f"Сегодня с 08:00 до 14:00 мск, {n.day.day} {RU_MONTHS[n.day.month - 1]},"
            if n.wording else "Минувшей ночью")
    regions = n.regions or (n.downed,)
    listed = ", ".join(f"{k} — над {RU_REGIONS[i % len(RU_REGIONS)]}" for i, k in enumerate(regions))
    paras = [
        f"{when} дежурные средства ПВО перехватили и уничтожили {n.downed} украинских беспилотников "
        "самолётного типа.",
        f"Из них: {listed}.",
    ]
    if n.missiles:
        paras.append(f"Кроме того, уничтожены {n.missiles} безэкипажных катеров.")
    paras.append("Попытка атаки пресечена, сообщили в оборонном ведомстве.")
    return f"ПВО за ночь уничтожила {n.downed} украинских БПЛА", paras


def _wire(n: Night) -> tuple[str, list[str]]:
    weekday = EN_WEEKDAYS[n.day.weekday()]
    missiles = f" and {n.missiles} ballistic missiles" if n.missiles else ""
    if n.wording == 0:
        paras = [f"Russia launched {n.drones} drones{missiles} at Ukraine overnight, Ukraine's air force "
                 f"said on {weekday}, adding that air defences shot down or jammed {n.downed} of them."]
    else:
        paras = [f"Ukraine's air force said on {weekday} it had downed {n.downed} of {n.drones} drones "
                 f"that Russia launched overnight{missiles}."]
    if n.hits:
        paras.append(f"Drones hit {n.sites} locations, the air force said.")
    if n.injured:
        paras.append(f"{n.injured} people were injured in the {UA_REGIONS[n.region]} region, its "
                     "governor said.")
    return f"Russia attacks Ukraine with {n.drones} drones overnight", paras


RENDER = {"airforce": _airforce, "mod": _mod, "wire": _wire}
HOURS = {"airforce": (8, 40), "mod": (7, 10), "wire": (9, 5)}
"""publication time (Kyiv) of each source's report"""


def night_report(source: str, n: Night, series: str = "s") -> Report:
    """The source's report of night `n`."""
    title, paras = RENDER[source](n)
    key = f"{series}-{source}-{n.day.isoformat()}"
    return Report(key, f"https://{source}.example/{key}", title, "\n\n".join(paras),
                  _kyiv(n.day, *HOURS[source]))


REPUBLICATIONS = ("headline", "source-line", "byline", "dropped-paragraph", "other-outlet")
_SOURCE_LINE = {"airforce": "Джерело: Повітряні сили ЗСУ", "mod": "Источник: Минобороны России",
                "wire": "Source: Ukraine's air force"}
_BYLINE = {"airforce": "Автор: Олена Шевчук", "mod": "Автор: Ирина Соколова", "wire": "By Jane Porter"}


def _dateline(source: str, day: dt.date) -> str:
    if source == "airforce":
        return f"КИЇВ, {day.day} {UK_MONTHS[day.month - 1]} — "
    if source == "mod":
        return f"МОСКВА, {day.day} {RU_MONTHS[day.month - 1]} — "
    return f"KYIV, {EN_MONTHS[day.month - 1]} {day.day} (Daily Herald) - "


def republication(original: Report, source: str, kind: str, day: dt.date, n: int = 0) -> Report:
    """Another outlet's copy of `original` (same figures): see REPUBLICATIONS."""
    paras = original.text.split("\n\n")
    title = original.title
    if kind == "headline":
        title = f"{original.title}: подробиці" if source != "wire" else f"What we know: {title}"
    elif kind == "source-line":
        paras = [*paras, _SOURCE_LINE[source]]
    elif kind == "byline":
        paras = [_BYLINE[source], *paras]
    elif kind == "dropped-paragraph":
        if len(paras) > 2:
            del paras[1 + n % (len(paras) - 2)]  # never the lead
        else:
            paras = [*paras, _SOURCE_LINE[source]]
    elif kind == "other-outlet":
        paras = [_dateline(source, day) + paras[0], *paras[1:], _SOURCE_LINE[source]]
    else:
        raise ValueError(kind)
    rid = f"{original.id}-{kind}-{n}"
    return Report(rid, f"https://outlet{n}.example/{rid}", title, "\n\n".join(paras),
                  original.published + dt.timedelta(minutes=35 + 50 * n))


def random_night(source: str, day: dt.date, rng: random.Random) -> Night:
    """A realistic night for `source` (figures like the nightly table's)."""
    drones = rng.randint(20, 500)
    downed = rng.randint(drones // 2, drones)
    hits = rng.choice([0, rng.randint(1, 40)])
    if source == "mod":
        k = rng.randint(1, 6)
        downed = rng.randint(k, 150)
        cuts = sorted(rng.sample(range(1, downed), k - 1)) if k > 1 else []
        regions = tuple(b - a for a, b in zip([0, *cuts], [*cuts, downed], strict=True))
        return Night(day, downed, downed, missiles=rng.choice([0, 0, rng.randint(1, 9)]),
                     regions=regions, wording=rng.choice([0, 0, 0, 1]))
    return Night(day, drones, downed, missiles=rng.choice([0, 0, rng.randint(1, 9)]), hits=hits,
                 sites=rng.randint(1, 20) if hits else 0, debris=rng.randint(1, 15) if hits else 0,
                 injured=rng.choice([0, 0, rng.randint(1, 12)]) if source == "wire" else 0,
                 sites_from=tuple(sorted(rng.sample(range(len(LAUNCH_SITES)), rng.randint(2, 5)))),
                 region=rng.randrange(len(UA_REGIONS)), wording=rng.randrange(2))


def series(sources: tuple[str, ...], first: dt.date, nights: int, seed: int, name: str,
           republish_every: int = 2) -> list[tuple[Report, dict[str, object]]]:
    """`nights` consecutive nights of each source, with republications of every
    `republish_every`-th night, in publication order, each with its label
    `{"kind": "original"|"republication", "of", "night", "series", "source"}`."""
    rng = random.Random(seed)
    out: list[tuple[Report, dict[str, object]]] = []
    for i in range(nights):
        day = first + dt.timedelta(days=i)
        for source in sources:
            report = night_report(source, random_night(source, day, rng), name)
            label = {"series": name, "source": source, "night": day.isoformat()}
            out.append((report, {"kind": "original", "of": None, **label}))
            if i % republish_every == 0:
                for n, kind in enumerate(rng.sample(REPUBLICATIONS, 2)):
                    copy = republication(report, source, kind, day, n)
                    out.append((copy, {"kind": "republication", "of": report.id, **label}))
    out.sort(key=lambda pair: pair[0].published)
    return out
