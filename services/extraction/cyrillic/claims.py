"""Strike figures of Ukrainian and Russian text: the Air Force's nightly post, the Defence
Ministry's intercept lists, regional administrations' casualty posts and the press retelling them.

Per sentence: every number with what it counts (the head after it: drones, missiles by class,
bombs, air attack assets, people, or a casualty word), the measure from the nearest cue of the
clause (`CUES`: an ordered table of named rules, each with an example sentence of ours that is
also its test), then attacker, places, date or period. A per-region list line under an
intercept total ('43 – над территорией Брянской области') is a part of that total. The drafts
are the English engine's (`claims.model.Draft`), so the article passes are the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from schemas.calendar import MONTHS
from schemas.domain import MISSILE_CLASSES
from schemas.extraction import Attacker, Evidence, Measure, Period, Qualifier, Scope, WeaponClass
from services.extraction.claims.model import CASUALTY_MEASURES, WEAPON_MEASURES, Draft
from services.extraction.cyrillic.numbers import CyrNumber, find_numbers, with_same_again, word_value
from services.extraction.cyrillic.periods import PAST_DAY, find_period, latest_weekday
from services.extraction.fastmodel import construct
from services.extraction.gazetteer import Mention, default_gazetteer
from services.extraction.sentences import Sentence

HEAD_REACH = 40  # characters after a number where its noun ('ударними БпЛА') may end
CUE_BEFORE_REACH = 160  # characters before a figure where its verb may stand ('збито/подавлено 747')
CUE_AFTER_REACH = 60  # ... and after it ('5 людей загинули')
PLACE_REACH = 80  # characters around a figure where the places it is tied to are named

_W = r"[а-яіїєґё'ʼ’-]*"
QUOTE = r"[«\"“„]?"  # '11 «шахедів»', '36 ворожих "Shahed"': a name in quotes is still the noun


ADJECTIVE = r"[а-яіїєґё'-]{2,}(?:их|ими|ых|ыми|ого|ої)"
"""an adjective before a weapon noun ('17 іранських безпілотників', '5 новых дронов'): plural and
genitive endings of the kinds that stand between a count and its noun"""


def _stems(*stems: str) -> str:
    """An alternation of word stems, each with any ending."""
    return "(?:" + "|".join(stem + _W for stem in stems) + ")"


WEAPON_HEADS: tuple[tuple[WeaponClass, re.Pattern[str]], ...] = (
    (
        WeaponClass.TOTAL,
        re.compile(
            r"\s*(?:ворож\w*\s+|российских\s+|російських\s+)?(?:засоб"
            + _W
            + r"\s+повітряного\s+нападу|средств"
            + _W
            + r"\s+воздушного\s+нападения|(?:повітрян|воздушн)"
            + _W
            + r"\s+ц[іе]л"
            + _W
            + r"|ц[іе]л[ейі]"
            + _W
            + r")"
        ),
    ),
    (
        WeaponClass.DRONES,
        re.compile(
            r"\s*(?:fpv[-\s]*|фпв[-\s]*)?(?:(?:ворож|ударн|російськ|российск|українськ|украинск|безпілотн|беспилотн"
            r"|ударно-|реактивн|вражеск)"
            + _W
            + r"\s+|" + ADJECTIVE + r"\s+){0,3}" + QUOTE + r"(?:бпла|бпл|бпак|безпілотн"
            + _W
            + r"|беспилотн"
            + _W
            + r"|дрон"
            + _W
            + r"|шахед"
            + _W
            + r"|uav|shahed|geran|gerbera|герань"
            + _W
            + r"|гербер"
            + _W
            + r"|імітатор"
            + _W
            + r"|имитатор"
            + _W
            + r"|літальн"
            + _W
            + r"|летательн"
            + _W
            + r")"
        ),
    ),
    (
        WeaponClass.GLIDE_BOMBS,
        re.compile(
            r"\s*(?:(?:керован|управляем|авіаційн|авиационн|коригован|корректируем)\w*\s+){0,2}(?:авіабомб"
            + _W
            + r"|авиабомб"
            + _W
            + r"|каб"
            + _W
            + r"|бомб"
            + _W
            + r")"
        ),
    ),
    (
        WeaponClass.MISSILES,
        re.compile(
            r"\s*(?:ворож\w*\s+|вражеск\w*\s+|російськ\w*\s+|российск\w*\s+)?"
            r"(?:(?P<cls>крилат|крылат|балістичн|баллистическ|аеробалістичн|аэробаллистическ|керован|управляем"
            r"|зенітн|зенитн|протикорабельн|противокорабельн|авіаційн|авиационн)"
            + _W
            + r"\s+){0,2}" + QUOTE + r"(?:ракет"
            + _W
            + r"|ракетами|(?(cls)ц[іе]л" + _W + r"|(?!)))"
        ),
    ),
)
_CLASS_OF_WORD = {
    "крилат": WeaponClass.CRUISE_MISSILES,
    "крылат": WeaponClass.CRUISE_MISSILES,
    "балістичн": WeaponClass.BALLISTIC_MISSILES,
    "баллистическ": WeaponClass.BALLISTIC_MISSILES,
    "аеробалістичн": WeaponClass.AEROBALLISTIC_MISSILES,
    "аэробаллистическ": WeaponClass.AEROBALLISTIC_MISSILES,
    "керован": WeaponClass.GUIDED_AIR_MISSILES,
    "управляем": WeaponClass.GUIDED_AIR_MISSILES,
    "зенітн": WeaponClass.GUIDED_AIR_MISSILES,
    "зенитн": WeaponClass.GUIDED_AIR_MISSILES,
}
PERSON_HEAD = re.compile(
    r"\s*(?:(?:мирн|цивільн|місцев|местн|ще|еще|людей)\w*\s+)?"
    + _stems(
        "люд",
        "особ",
        "чоловік",
        "жін",
        "женщин",
        "дит",
        "ребен",
        "мешкан",
        "жител",
        "цивільн",
        "мирн",
        "гражданск",
        "киянин",
        "кияни",
        "киевлян",
        "харків'ян",
        "одесит",
        "мужчин",
        "парн",
        "хлопц",
        "девуш",
        "дівчат",
        "підліт",
        "подрост",
        "пенсіонер",
        "пенсионер",
        "воді",
        "водител",
        "рятувальник",
        "спасател",
        "медик",
        "поліцейськ",
        "полицейск",
        "член",
    )
    + r"|\s*(?:осіб|человека|человек|дітей|детей)"
)
CASUALTY_HEAD = re.compile(
    r"\s*(?:(?P<killed>загибл" + _W + r"|погибш" + _W + r"|вбит" + _W + r"|убит" + _W + r")"
    r"|(?P<injured>поранен" + _W + r"|ранен" + _W + r"|постраждал" + _W + r"|пострадавш" + _W + r"))"
)


# numbers that count places, time, buildings or attacks as events ('на 37 локаціях', '5 ударів')
NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:"
    + _stems(
        "населен",
        "област",
        "район",
        "регіон",
        "регион",
        "громад",
        "годин",
        "хвилин",
        "минут",
        "рок",
        "кілометр",
        "километр",
        "відсот",
        "процент",
        "будин",
        "об'єкт",
        "объект",
        "обстріл",
        "обстрел",
        "населённ",
        "абонент",
        "квартир",
        "домогосподар",
        "споживач",
        "потребител",
        "багатоповерх",
        "автомобіл",
        "автомобил",
    )
    + r"|локаці(?:я|ї|ю|єю|й|ям|ях|ями)|локаци(?:я|и|ю|ей|й|ям|ях|ями)"  # not 'локаційно втрачені'
    r"|-?(?:річн|летн|літн)\w*|лет|км|%|разів|раз|год|дом(?:ів|ов|а|и)?|атак(?:и|а|ах|ами|у)?"
    r"|удар(?:ів|ов|и|ы|ами|ах)?)"
    r"(?![а-яіїєґё])"
)
LIST_ITEM = re.compile(r"\s*[–—-]\s*(?:над|в|у|на|у\s+районі|в\s+районе)\b")


@dataclass(frozen=True, slots=True)
class Cue:
    """A named measure rule: its pattern, the measure it gives, and its example (its test)."""

    name: str
    pattern: re.Pattern[str]
    measure: Measure
    example: str
    expect: tuple[Measure, WeaponClass | None, int]  # the first figure of the example


# fmt: off
CUES: tuple[Cue, ...] = (
    Cue("lost_locationally", re.compile(
        r"локаційно\s+втрачен\w*|локационно\s+потерян\w*|втрачен\w*|не\s+долетіл\w*|не\s+долетел\w*"
        r"|зникл\w*\s+з\s+радар\w*|исчезл\w*\s+с\s+радар\w*|не\s+досягл\w*\s+(?:цілей|цілі|мети)"
        r"|не\s+достигл\w*\s+цел\w*|заглуш\w*"),
        Measure.LOST, "Ще 30 ворожих БпЛА локаційно втрачено.", (Measure.LOST, WeaponClass.DRONES, 30)),
    Cue("intercepted", re.compile(
        r"збит\w*|збил\w*|збива\w*|подавлен\w*|подавил\w*|знешкод\w*|знищ\w*|перехоп\w*|сбит\w*|сбил\w*"
        r"|сбива\w*|уничтож\w*|перехват\w*|перехвач\w*|нейтрализ\w*|нейтраліз\w*|ліквід\w*|ликвид\w*|приземл\w*"
        r"|поразил\w*|поражен\w*"),
        Measure.INTERCEPTED, "Протиповітряною обороною збито/подавлено 747 ворожих БпЛА.",
        (Measure.INTERCEPTED, WeaponClass.DRONES, 747)),
    Cue("hit", re.compile(r"влучан\w*|влучил\w*|влучив\w*|влучень|попадани\w*|попали|поцілил\w*|поцілив\w*"
                          r"|прорвал\w*"),
        Measure.HIT, "Зафіксовано влучання 9 ракет та 56 ударних БпЛА на 37 локаціях.",
        (Measure.HIT, WeaponClass.MISSILES, 9)),
    Cue("launched", re.compile(
        r"атакував\w*|атакувал\w*|атакован\w*|атаковал\w*|випустив\w*|випустил\w*|запустив\w*|запустил\w*"
        r"|застосував\w*|застосувал\w*|використав\w*|використал\w*|выпустил\w*|запустил\w*|применил\w*"
        r"|атак\w*\s+(?:із\s+застосуванням|з|с|за\s+участю)|удар\w*\s+(?:із\s+застосуванням|з|с)|брали\s+участь"
        r"|запуск\w*|пуск\w*|скерува\w*|направи\w*|спрямува\w*|націли\w*|нацели\w*|\bудар(?:и|ів)?\b(?=[^.]{0,20}:)|супроводжен\w*|виявлен\w*|виявлено"
        r"|скинул\w*|скинув\w*|скида\w*|сбросил\w*|сбрасыва\w*|зафиксировал\w*|зафіксувал\w*"),
        Measure.LAUNCHED, "У ніч на 7 вересня противник атакував Україну 810 ударними БпЛА.",
        (Measure.LAUNCHED, WeaponClass.DRONES, 810)),
    Cue("struck_with", re.compile(
        r"вдарил\w*|вдарив\w*|ударил\w*|прилетіл\w*|прилетів|прилетел\w*|завда\w*\s+(?:\w+\s+){0,2}?удар\w*|нан[её]с\w*\s+(?:\w+\s+){0,2}?удар\w*"),
        Measure.LAUNCHED, "Окупанти вдарили по Харкову трьома ракетами.",
        (Measure.LAUNCHED, WeaponClass.MISSILES, 3)),
    Cue("killed", re.compile(
        r"загинул\w*|загинув|загибел\w*|загибл\w*|вбит\w*|вбили|погиб\w*|убит\w*|жертв\w*"),
        Measure.KILLED, "Внаслідок удару загинули двоє людей.", (Measure.KILLED, None, 2)),
    Cue("injured", re.compile(
        r"поранен\w*|поранил\w*|травмован\w*|постраждал\w*|ранен\w*|ранил\w*|пострадал\w*|травмирован\w*"
        r"|травм(?:и|у|ы|ами)\b|звернул\w*\s+(?:по|за)\s+(?:медичн\w*\s+)?(?:допомог\w*|меддопомог\w*)"
        r"|обратил\w*\s+за\s+(?:медицинск\w*\s+)?помощ\w*|за\s+(?:медицинск\w*\s+)?помощ\w*\s+обратил\w*"
        r"|по\s+(?:медичну\s+)?допомогу\s+звернул\w*|пострадавш\w*"
        r"|(?:медицинск\w*\s+)?помощ\w*\s+(?:понадобил\w*|потребовал\w*)|(?:медичн\w*\s+)?допомог\w*\s+потребувал\w*"
        r"|(?<!не\s)потребувал\w*\s+(?:медичн\w*\s+)?допомог\w*"),
        Measure.INJURED, "В Белгороде пострадали пять человек.", (Measure.INJURED, None, 5)),
)
# fmt: on
_CUE_OF: dict[Measure, tuple[Cue, ...]] = {}
for _cue in CUES:
    _CUE_OF.setdefault(_cue.measure, ())
    _CUE_OF[_cue.measure] += (_cue,)

UA_CUES = re.compile(r"українськ\w*|украинск\w*|\bзсу\b|\bвсу\b|киевск\w*\s+режим\w*|сил\w*\s+украины")
RU_CUES = re.compile(
    r"російськ\w*|российск\w*|\bросі[яї]\w*|\bросси[яи]\w*|\bрф\b|окупант\w*|оккупант\w*|рашист\w*"
)
RUSSIA_DEFENDED = re.compile(
    r"(?:над|по)\s+(?:(?:территори|регион|регіон|област|небом)\w*\s+)?(?:россии|росії|рф)(?![а-яіїєґё])"
)
"""'сбиты над территорией России', 'удар по России': Russia as the place attacked, not the attacker"""
ENEMY = re.compile(r"ворож\w*|вражеск\w*|\bворог\w*|\bвраг\w*|агресор\w*|агрессор\w*")
"""'ворожі дрони', 'вражеские беспилотники': whose enemy depends on who writes; Ukrainian text
means Russia, Russian text either side (the MoD's 'вражеские' are Ukraine's, a Ukrainian outlet's
Russian edition means Russia), so in Russian these words decide nothing"""
_LAUNCH_VERB = (
    r"(?:атаков\w*|атакув\w*|випусти\w*|выпусти\w*|запусти\w*|застосува\w*|примени\w*|нанес\w*\s+удар\w*"
    r"|завда\w*\s+удар\w*|вдари\w*|удари\w*|обстрел\w*|обстріл\w*|направи\w*|спрямува\w*|націли\w*|нацели\w*)"
)
LAUNCHER = (
    (Attacker.RU, re.compile(
        r"(?<![а-яіїєґё])(?:росія|россия|рф|росіяни|россияне|окупанти|оккупанты|російськ\w*\s+(?:військ|армі)\w*"
        r"|российск\w*\s+(?:войск|арми)\w*)\s+(?:[\w'-]+\s+){0,3}?" + _LAUNCH_VERB)),
    (Attacker.UA, re.compile(
        r"(?<![а-яіїєґё])(?:україна|украина|всу|зсу|киев|київ|українськ\w*\s+(?:військ|армі|сил)\w*"
        r"|украинск\w*\s+(?:войск|арми|вооруж\w*\s+сил)\w*)\s+(?:[\w'-]+\s+){0,3}?" + _LAUNCH_VERB)),
)
"""'Россия ночью нанесла удар 128 дронами', 'ВСУ атаковали Белгород': the side named as the one
that launched (the subject of a launch verb) is the attacker, whoever is quoted for it"""
# who says it downed the drones: the Russian MoD and air defence report Ukraine's attacks
RU_DEFENCE = re.compile(
    r"пво\s+(?:министерства\s+обороны\s+)?(?:россии|рф)|российск\w*\s+(?:сил\w*\s+)?(?:пво|противовоздушн\w*)"
    r"|российск\w*\s+(?:военн\w*|войск\w*|военнослужащ\w*|зенитчик\w*)\s+(?:\w+\s+)?"
    r"(?:сбил\w*|уничтож\w*|перехват\w*|поразил\w*|ликвидир\w*)"
    r"|противовоздушн\w*\s+оборон\w*\s+(?:россии|рф)"
    r"|минобороны\s+(?:россии|рф)|министерств\w*\s+обороны\s+(?:россии|рф)"
    r"|міноборони\s+(?:рф|росії)|міністерств\w*\s+оборони\s+(?:рф|росії)|ппо\s+(?:рф|росії)"
    r"|російськ\w*\s+(?:міноборони|ппо|міністерств\w*\s+оборони|протиповітрян\w*)|їхн\w*\s+ппо"
)
GENERIC_DEFENCE = re.compile(
    r"дежурн\w*\s+средств\w*\s+(?:пво|противовоздушной)|силы\s+пво|средства\s+пво"
    r"|средствами\s+(?:противовоздушной\s+обороны|пво)|системы\s+пво"
)
"""'силы ПВО сбили': the MoD's words, but a Ukrainian outlet's Russian edition uses them too, so
they name Ukraine the attacker only when the sentence and article name no Ukrainian place"""
UA_DEFENCE = re.compile(
    r"повітрян\w*\s+сил\w*|сил\w*\s+ппо|протиповітрян\w*\s+оборон\w*|мобільн\w*\s+вогнев\w*"
    r"|(?:українськ|наш)\w*\s+(?:сил\w*|ппо|військов\w*|захисник\w*|оборонц\w*|воїн\w*|бійц\w*|зенітник\w*)"
    r"|сил\w*\s+оборони"
    r"|воздушн\w*\s+сил\w*\s+(?:всу|украины)|украинск\w*\s+(?:сил\w*\s+)?пво"
    r"|(?:сводк\w*|зведенн\w*|данны\w*|даними|заявлени\w*|сообщени\w*|повідомленн\w*)\s+(?:\w+\s+)?(?:всу|зсу)\b"
    r"|(?:заявля\w*|заяви\w*|сообща\w*|сообщи\w*|уточни\w*)\s+(?:в\s+)?(?:всу\b|украинск\w*\s+военн\w*)"
    r"|украинск\w*\s+военн\w*\s+(?:заявля\w*|заяви\w*|сообща\w*|сообщи\w*)"
)
"""... and Ukraine's military as the source in Russian ('сказано в сводке ВСУ', 'заявляют
украинские военные'): the figures are of Russia's attack it reports"""
_WEEKDAY = r"(?:[а-яіїєґё']+,?\s+)?"  # 'в ночь на вторник, 24 февраля'
NIGHT_OF = re.compile(
    r"(?:у|в)\s+ніч\s+(?:з\s+\d{1,2}\s+)?(?:на|проти)\s+" + _WEEKDAY
    + r"(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґ]+)"
    r"|в\s+ночь\s+(?:с\s+\d{1,2}\s+)?на\s+" + _WEEKDAY + r"(?P<day2>\d{1,2})\s+(?P<mon2>[а-яё]+)"
    r"|(?:с|з)\s+\d{1,2}[:.]\d{2}(?:\s+мск)?\s+\d{1,2}\s+[а-яіїєґё]+\s+(?:до|по)\s+\d{1,2}[:.]\d{2}(?:\s+мск)?\s+"
    r"(?P<day3>\d{1,2})\s+(?P<mon3>[а-яіїєґё]+)"
)
"""'у ніч на 7 вересня', 'в ночь на вторник, 24 февраля', and the MoD's window 'с 23:00 мск 23
февраля до 07:00 мск 24 февраля': the morning the night ended"""
TODAY = re.compile(r"(?<![а-яіїєґё])(?:сьогодні|сегодня)(?![а-яіїєґё])")
"""'сьогодні маємо 116 БпЛА': the publication day, whatever day an earlier sentence named"""
YESTERDAY = re.compile(r"(?<![а-яіїєґё])(?:накануне|напередодні|вчора|вчера)(?![а-яіїєґё])")
"""'вечером накануне', 'вчора': the day before publication"""
NIGHT_DATED = re.compile(r"(?:вночі|уночі|ночью|ночі)\s+(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґё]+)")
"""'вночі 28 серпня': that night, however the piece is dated"""
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґё]+)\b")
DAY_NAMED_TALLY = re.compile(
    r"(?:доб[уиа]|сутки|сутк[аи]),?\s+(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґё]+)"
)
"""'за минулу добу, 4 листопада': the day is named, so the figures are that day's (a date), not
the rolling day before publication"""
REPORT_TIME = re.compile(
    r"(?:зранку|вранці|уранці|ранком|утром|увечері|ввечері|вечером)\s+(?P<day>\d{1,2})\s+(?P<mon>[а-яіїєґё]+)"
    r"(?=[^.]{0,80}?(?:поінформува|повідоми|прокоментува|заяви|розпові|написа|сообщи|рассказа|заяви|написа))"
)
"""'Начальник ОВА зранку 28 вересня поінформував': the day the figures were told, not the day of
the attack; under a day tally the figures keep the tally's period"""
LAST_NIGHT = re.compile(
    r"минулої\s+ночі|цієї\s+ночі|вночі|уночі|цієї\s+доби|минувшей\s+ночью|прошедшей\s+ночью"
    r"|этой\s+ночью|ночью|за\s+(?:минулу|прошедшую|истекшую)\s+ніч|за\s+(?:прошедшую|минувшую)\s+ночь"
)
WEEKDAYS = {
    **dict.fromkeys(("понеділок", "понедельник"), 0), **dict.fromkeys(("вівторок", "вторник"), 1),
    **dict.fromkeys(("середу", "среду"), 2), **dict.fromkeys(("четвер", "четверг"), 3),
    **dict.fromkeys(("п'ятницю", "пʼятницю", "пятницу"), 4), **dict.fromkeys(("суботу", "субботу"), 5),
    **dict.fromkeys(("неділю", "воскресенье"), 6),
}
TOLD = re.compile(r"(?:написа|повідоми|заяви|сказа|сообщи|рассказа|розпові)\w*")
"""a verb of telling: a weekday beside it is when the quoted words were written"""
WEEKDAY_NAMED = re.compile(
    r"(?<![а-яіїєґё])(?:у|в|во)\s+(?:ніч\s+(?:на|проти)\s+|ночь\s+на\s+|(?:минул\w+|прошл\w+)\s+)?"
    r"(?P<wd>" + "|".join(WEEKDAYS) + r")(?![а-яіїєґё])"
)
"""'у суботу', 'в ночь на воскресенье': the latest such day not after publication (a night is
dated by the morning it ends)"""
WEEKDAY_HINT = re.compile("|".join(WEEKDAYS))
"""a weekday's word anywhere: most sentences have none, and skip the pattern above"""
IN_MONTH = re.compile(r"(?:у|в|за|протягом)\s+(?P<mon>[а-яіїєґё]+)\b")


IN_MONTH_FORMS = {
    word: i + 1
    for i, words in enumerate(
        (
            "січні январе",
            "лютому феврале",
            "березні марте",
            "квітні апреле",
            "травні мае",
            "червні июне",
            "липні июле",
            "серпні августе",
            "вересні сентябре",
            "жовтні октябре",
            "листопаді ноябре",
            "грудні декабре",
        )
    )
    for word in words.split()
}
"""'у грудні', 'в декабре': the months in the locative, which the shared calendar does not list"""


def _month(word: str) -> int | None:
    month = MONTHS.get(word)
    return month if month is not None and not word.isascii() else IN_MONTH_FORMS.get(word)


def _resolve_day(pub: dt.date | None, day: int, month: int) -> dt.date | None:
    if pub is None:
        return None
    for year in (pub.year, pub.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d <= pub + dt.timedelta(days=1):
            return d
    return None


@dataclass(slots=True)
class _Phrase:
    number: CyrNumber
    end: int  # after the head noun
    head: str | None  # weapon | person | casualty | None
    weapon_class: WeaponClass | None = None
    measure: Measure | None = None  # a casualty word's own measure ('загиблих')
    ordinal: bool = False  # '67-й дрон': a running count, the figure is the total so far


CASE_SUFFIX = re.compile(r"-(?:ма|мя|ми|ти|х|ох|ьох|ом|ю)(?![а-яіїєґё])")
"""'2-ма ракетами', '5-ти дронів', '3-х БПЛА': a cardinal in digits with its case ending"""
ELIDED_MISSILE = re.compile(
    r"\s*(?P<cls>крилат|крылат|балістичн|баллистическ|аеробалістичн|аэробаллистическ)[а-яіїєґё]*(?![\w\s]*ракет)"
)
"""'30 крилатих ракет та 10 балістичних': a class word with the missile noun left out"""
ORDINAL_SUFFIX = re.compile(r"-(?:й|ий|ый|ой|ій|ї|я|а|е|го|му)(?![а-яіїєґё])")
"""'67-й', '10-ий': an ordinal (digits and an ending)"""


def _phrase(low: str, n: CyrNumber) -> _Phrase:
    window = low[n.end : n.end + HEAD_REACH]
    if NOT_A_COUNT_AFTER.match(window):
        return _Phrase(n, n.end, "skip")
    if m := CASUALTY_HEAD.match(window):
        return _Phrase(
            n, n.end + m.end(), "casualty", measure=Measure.KILLED if m.group("killed") else Measure.INJURED
        )
    ordinal = ORDINAL_SUFFIX.match(window)
    case = None if ordinal else CASE_SUFFIX.match(window)
    at = ordinal.end() if ordinal else case.end() if case else 0
    for cls, pattern in WEAPON_HEADS:
        if m := pattern.match(window, at):
            if cls == WeaponClass.MISSILES and m.group("cls"):
                cls = _CLASS_OF_WORD.get(m.group("cls"), cls)
            return _Phrase(n, n.end + m.end(), "weapon", weapon_class=cls, ordinal=ordinal is not None)
    if ordinal:
        return _Phrase(n, n.end, "skip")  # '5-й этаж', '3-я бригада': an ordinal counts nothing
    if (m := ELIDED_MISSILE.match(window)) and "ракет" in low[: n.start]:
        return _Phrase(n, n.end + m.end(), "weapon", weapon_class=_CLASS_OF_WORD[m.group("cls")])
    if m := PERSON_HEAD.match(window, at):
        return _Phrase(n, n.end + m.end(), "person")
    return _Phrase(n, n.end, None)


BARE_VERB_REACH = 30  # characters after a bare number where its verb ('були знищені') must start
TOLL_REACH = 120  # characters before a figure where 'кількість загиблих ... зросла до' may start
TOLL_BEFORE = re.compile(
    r"(?:кількість|число|количество)\s+(?P<kind>постраждал|загибл|поранен|пострадавш|погибш|ранен|жертв)\w*"
    r"(?:\s+[\w'-]+){0,10}\s+(?:до|становить|становила|сягнула|составляет|составило|достигло|-)\s*$"
)

TOLL_AFTER = re.compile(
    r"\s*(?:зрос\w*|збільшил\w*|возросл\w*|вырос\w*|увеличил\w*)\s+(?:кількість|число|количество)\s+"
    r"(?P<kind>постраждал|загибл|поранен|пострадавш|погибш|ранен|жертв)"
)


ASIDE = re.compile(
    r"\s*,\s*(?:среди\s+них|серед\s+них|в\s+том\s+числе|у\s+тому\s+числі|зокрема|включая|в\s+т\.\s*ч\.)"
    r"[^,.;]{1,50},"
)
"""'Ще п'ятеро, серед них дитина, поранені': an aside between a figure and its verb"""


def _cue_right_after(low: str, end: int, same_clause: bool = False) -> Cue | None:
    """The cue that starts within a few words after a bare number ('64 були знищені'), past an
    aside set off by commas ('п'ятеро, серед них дитина, поранені')."""
    if aside := ASIDE.match(low, end):
        end = aside.end()
    window = low[end : end + BARE_VERB_REACH]
    best: tuple[int, Cue] | None = None
    for cue in CUES:
        if (m := cue.pattern.search(window)) and (best is None or m.start() < best[0]):
            best = (m.start(), cue)
    if best is None or not re.fullmatch(
        (r"\s*" if same_clause else r"[\s,—–-]*")
        + r"(?:(?:були|было|были|було|був|была|була|ще|еще|ещё|отримали|отримав|отримала|зазнали|зазнав"
        r"|зазнала|дістали|дістав|дістала|получили|получил|получила)\s+)*",
        window[: best[0]],
    ):
        return None
    return best[1]


def _clause_start(low: str, pos: int) -> int:
    return max(low.rfind(";", 0, pos), low.rfind(". ", 0, pos), low.rfind("\n", 0, pos)) + 1


def _nearest_cue(low: str, ph: _Phrase, measures: tuple[Measure, ...]) -> tuple[Cue, int] | None:
    """The closest cue of `measures` before the figure in its clause, else right after it."""
    lo = max(_clause_start(low, ph.number.start), ph.number.start - CUE_BEFORE_REACH)
    best: tuple[Cue, int] | None = None
    for measure in measures:
        for cue in _CUE_OF.get(measure, ()):
            for m in cue.pattern.finditer(low, lo, ph.number.start):
                if best is None or m.end() > best[1]:
                    best = (cue, m.end())
    if best is not None:
        return best
    hi = min(len(low), ph.end + CUE_AFTER_REACH)
    stop = low.find(";", ph.end, hi)
    hi = stop if stop >= 0 else hi
    for measure in measures:
        for cue in _CUE_OF.get(measure, ()):
            if (m := cue.pattern.search(low, ph.end, hi)) and (best is None or m.start() < best[1]):
                best = (cue, m.start())
    if best is None and WEAPON_MEASURES[0] in measures:
        # '14 670 КАБів, 738 ракет і майже 19 тис. дронів ... росіяни випустили': a list's verb after it
        stop = SENTENCE_END.search(low, ph.end)
        end = stop.start() if stop else -1
        for cue in CUES:
            if cue.measure in measures and (
                m := cue.pattern.search(low, ph.end, end if end >= 0 else len(low))
            ):
                if best is None or m.start() < best[1]:
                    best = (cue, m.start())
    return best


SENTENCE_END = re.compile(r"(?<!тис)(?<!тыс)\.\s")
"""the end of a clause's sentence; '19 тис. дронів' ends none"""


@dataclass(slots=True)
class CyrContext:
    """What earlier sentences tell later ones: the list an item belongs to, the night reported."""

    pub: dt.date | None
    lang: str
    last_weapon: Draft | None = None
    current_date: dt.date | None = None
    article_side: Attacker | None = None  # the attacker the article's places point to, if one
    list_cue: Cue | None = None  # 'окупанти випустили:' above a list of lines that have no verb
    prev_verbless: str | None = None  # the sentence before when it gave no figure (its verb read on demand)
    prev_when: _When | None = None  # the time of the sentence before
    list_period: tuple[str, Period] | None = None  # and the period it named ('за останній тиждень')
    day_tally: Period | None = None  # the headline's 'за сутки': the article is a day's tally
    sentences: int = 0  # sentences read so far (the first is the headline)
    running_count: bool = False  # a '67-й дрон' total was given: 'ещё один' adds to it
    launched: list[Draft] = dataclasses.field(default_factory=list)  # the article's launched figures
    weapon_figures: list[Draft] = dataclasses.field(default_factory=list)  # all its weapon figures so far
    told_on: dt.date | None = None  # 'написав у неділю': the day the quoted post was written
    missile_class: WeaponClass | None = None  # the one missile class last named ('крилатими ракетами')


def _date_and_period(low: str, ctx: CyrContext) -> tuple[str, dt.date | None, Period | None]:
    if m := NIGHT_OF.search(low):
        day, mon = next((m[f"day{k}"], m[f"mon{k}"]) for k in ("", "2", "3") if m[f"day{k}"])
        month = _month(mon)
        if month:
            ctx.current_date = _resolve_day(ctx.pub, int(day), month)
            return "night_of", ctx.current_date, None
    if (m := DAY_NAMED_TALLY.search(low)) and (month := _month(m.group("mon"))):
        ctx.current_date = _resolve_day(ctx.pub, int(m.group("day")), month)
        return "day_named", ctx.current_date, None
    if found := find_period(low, ctx.pub):
        name, (start, end) = found
        return name, None, construct(Period, {"start": start, "end": end})
    if (m := NIGHT_DATED.search(low)) and (month := _month(m.group("mon"))):
        ctx.current_date = _resolve_day(ctx.pub, int(m.group("day")), month)
        return "night_dated", ctx.current_date, None
    if TODAY.search(low) and ctx.pub is not None:
        ctx.current_date = ctx.told_on or ctx.pub  # the day the quoted post was written, if named
        return "today", ctx.current_date, None
    if YESTERDAY.search(low) and ctx.pub is not None:
        ctx.current_date = ctx.pub - dt.timedelta(days=1)
        return "yesterday", ctx.current_date, None
    if LAST_NIGHT.search(low) and ctx.pub is not None:
        ctx.current_date = ctx.pub
        return "last_night", ctx.pub, None
    if ctx.day_tally is not None and (m := REPORT_TIME.search(low)) and _month(m.group("mon")):
        return "report_time", None, None
    for m in DAY_MONTH.finditer(low):
        if month := _month(m.group("mon")):
            ctx.current_date = _resolve_day(ctx.pub, int(m.group("day")), month)
            return "day_month", ctx.current_date, None
    if ctx.pub is not None and WEEKDAY_HINT.search(low) and (m := WEEKDAY_NAMED.search(low)):
        ctx.current_date = latest_weekday(ctx.pub, WEEKDAYS[m.group("wd")])
        if TOLD.search(low):
            ctx.told_on = ctx.current_date  # 'написав він у неділю': the quote's 'сьогодні' is Sunday
        return "weekday", ctx.current_date, None
    for m in IN_MONTH.finditer(low):
        if (month := _month(m.group("mon"))) and ctx.pub is not None:
            year = ctx.pub.year if month <= ctx.pub.month else ctx.pub.year - 1
            start = dt.date(year, month, 1)
            end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
            return "in_month", None, construct(Period, {"start": start, "end": min(end, ctx.pub)})
    return "context_date", ctx.current_date, None


def _attacker(low: str, places: list[Mention], ctx: CyrContext) -> Attacker:
    """Who attacked: the defence that reports downing them (Russia's MoD and air defence report
    Ukraine's drones, Ukraine's Air Force Russia's), the words for each side ('українських
    дронів', 'оккупанты', 'вражеской атаки'), the places' country, the figures before, and last
    the language (the Air Force writes Ukrainian, the MoD Russian)."""
    ru_defence, ua_defence = RU_DEFENCE.search(low), UA_DEFENCE.search(low)
    if ru_defence and not ua_defence:
        return Attacker.UA
    if ua_defence and not ru_defence:
        return Attacker.RU
    launchers = {side for side, pattern in LAUNCHER if pattern.search(low)}
    if len(launchers) == 1:
        return launchers.pop()
    ua, ru = len(UA_CUES.findall(low)), len(RU_CUES.findall(low))
    if defended := len(RUSSIA_DEFENDED.findall(low)):  # 'над регионами России': the side attacked
        ua, ru = ua + defended, ru - defended
    if ctx.lang == "uk":
        ru += len(ENEMY.findall(low))
    if ua != ru:
        return Attacker.UA if ua > ru else Attacker.RU
    countries = {m.entry.country for m in places if m.entry.kind in ("city", "oblast", "airport")}
    if countries == {"Russia"} or any(m.entry.name in OCCUPIED for m in places):
        return Attacker.UA
    if countries and "Russia" not in countries:
        return Attacker.RU
    if GENERIC_DEFENCE.search(low):
        return ctx.article_side or Attacker.UA
    if ctx.last_weapon is not None:
        return ctx.last_weapon.attacker
    if ctx.article_side is not None:
        return ctx.article_side
    return Attacker.RU if ctx.lang == "uk" else Attacker.UA


OCCUPIED = frozenset({"Crimea", "Sevastopol", "Feodosia", "Yevpatoria", "Kerch", "Donetsk", "Luhansk"})
"""places Russia holds and defends: drones downed there are Ukraine's"""


_NONE = (
    r"(?:(?:на\s+щастя|к\s+счастью|на\s+счастье|по\s+счастью),\s*)?"  # 'постраждалих, на щастя, немає'
    r"(?:нет|немає|не\s+було|не\s+было|не\s+выявлено|не\s+виявлено|не\s+зафіксовано)"
)
# fmt: off
ZEROS: tuple[tuple[str, re.Pattern[str], tuple[Measure, ...], str], ...] = (
    ("no_casualties", re.compile(
        r"(?:пострадавш\w*|постраждал\w*|потерпіл\w*|жертв),?\s+(?:(?:и|і|та|й)\s+(?:разрушен\w*|руйнуван\w*"
        r"|пострадавш\w*|постраждал\w*)\s+)?" + _NONE
        + r"|без\s+(?:жертв|постраждал\w*|потерпіл\w*|пострадавш\w*"
        r"|(?:загибл\w*|погибш\w*)\s+(?:і|та|й|и)\s+(?:поранен\w*|ранен\w*|постраждал\w*|пострадавш\w*))"
        r"|(?<![а-яіїєґё])(?:нет|немає)\s+(?:пострадавш\w*|постраждал\w*|потерпіл\w*|жертв)"),
     (Measure.KILLED, Measure.INJURED), "Обійшлося без постраждалих, повідомили в ОВА."),
    ("no_one_hurt", re.compile(
        r"(?:люди|никто|ніхто|мирн\w+\s+жител\w*|жител\w*|мешкан\w*)(?:\s+(?:из|з|із)\s+\w+|\s+\w+)?"
        r"\s+не\s+(?:пострадал\w*|постраждал\w*|постраждав|поранен\w*)"
        r"|(?:поранених|раненых|травмованих)\s+" + _NONE + r"|люди\s+неушкоджен\w*"),
     (Measure.INJURED,), "Люди не пострадали, сообщил губернатор."),
    ("no_dead", re.compile(r"(?:загиблих|погибших)\s+" + _NONE),
     (Measure.KILLED,), "Загиблих немає, поранено двох людей."),
)
# fmt: on


SINGLE_CASUALTY = re.compile(
    r"(?:(?P<killed>загинув|загинула|загиблий|загибла|погиб|погибла|вбито|убит|убита|помер|померла|умер|умерла"
    r"|скончался|скончалась)"
    r"|(?P<injured>постраждав|постраждала|пострадал|пострадала|поранений|поранена|поранено|ранен|ранена"
    r"|травмований|травмована|травмирован|травмирована|госпіталізовано|госпитализирован"
    r"|(?:поранення|ранение|ранения|травми|травмы)\s+(?:дістав|дістала|отримав|отримала|получил|получила)"
    r"|(?:дістав|дістала|отримав|отримала|получил|получила)\s+(?:\w+\s+)?(?:поранення|ранение|ранения|травми|травмы)"
    r"))\s+"
    r"(?:\d+-\w+\s+|\w+\s+){0,2}?(?:чоловік|жінка|жінку|дитина|дитину|мужчина|женщина|ребенок|підліток|подросток"
    r"|пенсіонер\w*|пенсионер\w*|водій|водитель|мешканець|мешканка|житель|жителька|людина|человек|хлопець|дівчина"
    r"|чоловіка|мешканця|мешканку|водія|хлопця|юнака|мужчину|женщину|жителя|жительницу|водителя|парня|девушку"
    r"|юнак|девушка|парень|пожежник|пожарный|рятувальник|спасатель|медик|лікар|врач|велосипедист|пішохід|пешеход"
    r"|фермер|тракторист|охоронець|охранник|працівник|сотрудник|військовослужбовець|военнослужащий"
    r"|дівчинка|дівчинку|хлопчик|хлопчика|девочка|девочку|мальчик|мальчика|немовля|младенец|мати|мать"
    r"|глава|голова|староста|директор|керівник|руководитель|мер|мэр|журналіст|журналист|волонтер|волонтёр)\b"
)
"""'загинула жінка', 'пострадал 45-летний мужчина': one person, counted without a number word"""


SINGLE_CASUALTY_AFTER = re.compile(
    r"(?<![а-яіїєґё])(?:чоловік|жінка|дитина|мужчина|женщина|ребенок|ребёнок|муж|жена|сын|дочь|дружина|син|донька"
    r"|водій|водитель|пенсіонерка|пенсионерка|пенсіонер|пенсионер|мешканець|мешканка|житель|жительница)"
    r"\s+(?:(?!(?:і|та|й|и|а)\s)[а-яіїєґё'-]+\s+){0,2}?"
    r"(?:(?P<killed>загинув|загинула|погиб|погибла|помер|померла|умер|умерла|скончался|скончалась)"
    r"|(?P<injured>постраждав|постраждала|пострадал|пострадала|(?:отримав|отримала|дістав|дістала|получил|получила)"
    r"\s+(?:[а-яіїєґё]+\s+)?(?:поранення|ранения|ранение|травми|травмы)))(?![а-яіїєґё])"
)
"""'ее муж получил ранения', 'женщина погибла': one victim, the noun before its verb"""


_AGE = r"\d{1,3}-(?:річн|летн|літн)[а-яіїєґё]*"
AGE_LIST = re.compile(
    r"(?:(?P<killed>загинул\w*|загинули|погибл\w*|погибли)|постраждал\w*|пострадал\w*|поранен\w*|ранен\w*"
    r"|травмован\w*|травмирован\w*|(?:поранен\w*|поранень|ранени\w*|травм\w*)\s+(?:зазнал\w*|отримал\w*|дістал\w*"
    r"|получил\w*))(?:\s*[—–:-])?\s+"
    r"(?P<ages>" + _AGE + r"(?:\s*,\s*" + _AGE + r")*(?:\s+[а-яіїєґё]+)?"
    r"(?:\s*,\s*|\s+(?:і|та|й|и)\s+)(?:(?:його|її|их|їх|его|ее|её)\s+)?" + _AGE + r")"
)
"""'постраждали 47-річний, 50-річний чоловіки і 65-річна жінка': as many victims as ages"""


_PERSON = (
    r"(?:чоловік|жінка|мужчина|женщина|дитина|ребенок|хлопець|дівчина|парень|девушка|підліток|подросток)"
)
PAIR = re.compile(
    r"(?:(?P<killed>загинули|погибли)|постраждали|пострадали|поранені|ранены|травмовані|травмированы)\s+"
    + _PERSON
    + r"\s+(?:і|та|й|и)\s+"
    + _PERSON
    + r"(?![а-яіїєґё])"
)
"""'загинули чоловік і жінка': two victims named, no figure"""


def _age_lists(low: str) -> list[tuple[int, Measure, int]]:
    """(position, measure, count) of each list of victims given by their ages, and of pairs."""
    by_age = [
        (
            m.start(),
            Measure.KILLED if m.group("killed") else Measure.INJURED,
            len(re.findall(_AGE, m.group("ages"))),
        )
        for m in AGE_LIST.finditer(low)
    ]
    pairs = [
        (m.start(), Measure.KILLED if m.group("killed") else Measure.INJURED, 2) for m in PAIR.finditer(low)
    ]
    return by_age + pairs


def _single_casualties(low: str, numbers: list[CyrNumber]) -> list[tuple[int, Measure, int]]:
    """(position, measure, 1) of a singular casualty verb with its person and no figure near it,
    and (position, measure, N) of a list of N victims by age."""
    out = _age_lists(low)
    for m in [*SINGLE_CASUALTY.finditer(low), *SINGLE_CASUALTY_AFTER.finditer(low)]:
        if any(
            m.start() - 30 <= n.start < m.end() and not _age(low, n) and _phrase(low, n).head != "weapon"
            for n in numbers
        ):
            continue  # 'загинули двоє: чоловік ...': the figure counts them
        if SUB_COUNT_BEFORE.search(low[max(0, m.start() - 40) : m.start()]):
            continue  # 'пострадали пятеро, в частности травмирован ребенок': one of them
        killed = m.group("killed") or MORTAL.search(m.group())  # 'получил смертельные ранения'
        out.append((m.start(), Measure.KILLED if killed else Measure.INJURED, 1))
    return _victims_added_up(out)


MORTAL = re.compile(r"смертельн|смертельно")


def _victims_added_up(found: list[tuple[int, Measure, int]]) -> list[tuple[int, Measure, int]]:
    """'поранення отримала жінка і постраждала дівчинка': victims told one by one in a sentence
    are one toll of as many (the first one's position)."""
    out: dict[Measure, tuple[int, Measure, int]] = {}
    for pos, measure, count in sorted(found):
        first = out.get(measure)
        out[measure] = (first[0], measure, first[2] + count) if first else (pos, measure, count)
    return sorted(out.values())


def _age(low: str, n: CyrNumber) -> bool:
    return bool(re.match(r"-?(?:річн|летн|літн)", low[n.end : n.end + 6]))


BULLETS = "[▪◾◽●•·∙➖🔹🔸\ufe0f*]+"
"""the marks a list line may start with ('▪️чотири БпЛА;')"""
LIST_LINE_START = re.compile(
    r"\s*(?:" + BULLETS + r"\s*\S|(?:[-–—•*]\s*)?(?:понад|майже|близько|більш\s+ніж|более|почти|около)?\s*\d)"
)
BULLET_LINE = re.compile(r"\s*" + BULLETS + r"\s*")
ITEM_LINE = re.compile(r"\s*(?:[-–—]\s*)?(?P<item>[^\s:;.].{0,60}?)[;,.]?\s*$")
"""'- fpv-дрон;', 'два КАБ;': a short line under a list head, one item of it (dash or not)"""
ITEM_OPENING = re.compile(
    r"\s*(?:" + BULLETS + r"|[-–—])?\s*(?:понад|майже|близько|більш\s+ніж|более|почти|около)?\s*$"
)
"""what may stand before an item line's figure: a bullet or dash, a qualifier"""


def _is_list_line(low: str, numbers: list[CyrNumber], ctx: CyrContext) -> bool:
    """A line of the list under 'за добу ворог застосував:': it opens with its figure (digits or a
    number word, 'сім БпЛА;') or a bullet, or it is a short item line under a list head."""
    if LIST_LINE_START.match(low):
        return True
    if numbers and ITEM_OPENING.fullmatch(low, 0, numbers[0].start):
        return True
    return ctx.list_cue is not None and ITEM_LINE.fullmatch(low) is not None


def _remember_list_head(low: str, ctx: CyrContext, date_rule: str, period: Period | None) -> None:
    """A sentence that ends in ':' after a weapon verb heads the list of lines below it."""
    if not low.rstrip().endswith(":"):
        return
    found = [
        (m.end(), cue) for cue in CUES if cue.measure in WEAPON_MEASURES for m in cue.pattern.finditer(low)
    ]
    if found:
        ctx.list_cue = max(found, key=lambda f: f[0])[1]
        ctx.list_period = (date_rule, period) if period is not None else None


ALSO = re.compile(
    r"\W*(?:[а-яіїєґё'-]+\s+){0,2}?(?:також|крім\s+того|окрім\s+того|кроме\s+того|также|а\s+також|а\s+также)(?![а-яіїєґё])"
)
"""a sentence opening with 'Також' (or 'Россияне также ...') adds to the one before: it shares the
period of the last sentence that named a time"""


def _last_weapon_cue(low: str) -> Cue | None:
    """'Запуски здійснювалися з території РФ.': the weapon verb a verbless next sentence shares."""
    found = [
        (m.end(), cue) for cue in CUES if cue.measure in WEAPON_MEASURES for m in cue.pattern.finditer(low)
    ]
    return max(found, key=lambda f: f[0])[1] if found else None


def _zero_drafts(low: str) -> list[tuple[int, Measure, str]]:
    """(position, measure, rule) of each explicit zero in the sentence ('пострадавших нет')."""
    out: list[tuple[int, Measure, str]] = []
    for name, pattern, measures, _example in ZEROS:
        for m in pattern.finditer(low):
            hurt_told = (
                VICTIMS_ONLY.fullmatch(m.group()) and not AND_NEXT.match(low, m.end())
                and HURT_TOLD.search(low[: m.start()] + low[m.end() :])
            )
            kept = (Measure.KILLED,) if hurt_told else measures
            out += [(m.start(), measure, name) for measure in measures if measure in kept]
    return out


AND_NEXT = re.compile(r"\s+(?:и|і|та|й)\s")
"""'без жертв и пострадавших': the zero goes on to the hurt"""
VICTIMS_ONLY = re.compile(r"без\s+жертв|жертв\w*,?\s+(?:нет|немає|не\s+було|не\s+было)")
"""'без жертв': no dead, and no hurt unless the sentence tells of hurt"""
HURT_TOLD = re.compile(
    r"(?<!не\s)(?<![а-яіїєґё])(?:постраждал|поранен|пострадавш|раненым|раненых|травмован)\w*"
)
"""'Без жертв, постраждалим надають допомогу': hurt told beside the zero, which then says no dead only"""


@dataclass(frozen=True, slots=True)
class _When:
    """The time a sentence's figures share: the rule that found it, a date or a period."""

    rule: str
    date: dt.date | None
    period: Period | None

    def apply(self, draft: Draft) -> Draft:
        if self.period is not None:
            draft.scope, draft.period, draft.date = Scope.PERIOD_TOTAL, self.period, None
        else:
            draft.date, draft.explicit_date = self.date, self.rule in ("night_of", "day_month", "night_dated")
        draft.scope_rule = self.rule
        return draft


DAY_TALLY_OPENING = 8  # sentences (headline first) where a day tally's 'за добу' frames the article
NIGHT_NAMED = re.compile(r"(?<![а-яіїєґё])(?:ніч|ночі|ночь|ночью|вночі|уночі)(?![а-яіїєґё])")
"""an opening that names a night first reports that night, not a day tally"""


def day_tally_of(lows: list[str], pub: dt.date | None) -> Period | None:
    """A regional head's day report ('Протягом минулої доби ворог атакував 12 населених пунктів',
    'За добу по регіону вдарили:'): a 'past day' phrase in the article's opening sentences, before
    any night is named, makes the article that day's tally."""
    for low in lows[:DAY_TALLY_OPENING]:
        if ("ніч" in low or "ноч" in low) and NIGHT_NAMED.search(low):
            return None
        if ("доб" in low or "сут" in low) and (m := PAST_DAY.pattern.search(low)):
            start, end = PAST_DAY.bounds(pub, m)
            return construct(Period, {"start": start, "end": end})
    return None


def _day_tally(when: _When, ctx: CyrContext) -> _When:
    """A headline 'як минула доба на Харківщині' / 'за сутки ВСУ атаковали', or the opening of a
    day report (`day_tally_of`): the article tallies that day, so its figures with no time of
    their own share the day's period, even after a sentence about last night's debris."""
    ctx.sentences += 1
    if ctx.sentences == 1 and when.rule == "past_day":
        ctx.day_tally = when.period
    elif when.rule in ("context_date", "report_time") and ctx.day_tally is not None:
        return _When("day_tally", None, ctx.day_tally)
    return when


def _one_listed(low: str, ctx: CyrContext) -> list[CyrNumber]:
    """'▪️БпЛА типу «Молния»;', '- fpv-дрон;' under 'за добу вдарили:': an item line naming a
    weapon with no figure is one."""
    if ctx.list_cue is None:
        return []
    if bullet := BULLET_LINE.match(low):
        at = bullet.end()
    elif item := ITEM_LINE.fullmatch(low):
        at = item.start("item")
    else:
        return []
    one = CyrNumber(at, at, 1)
    return [one] if _phrase(low, one).head == "weapon" else []


CASUALTY_WORD = re.compile(
    r"постраж|пострад|потерпі|загин|загиб|погиб|поранен|ранен|травм|жертв|помер|умер|скончал|вбит|убит|госпіт|госпит"
    r"|неушкодж"
)
"""a stem every zero and single-victim rule needs: without one, those rules cannot match"""


_ONE = r"(?:беспилотник|безпілотник|дрон|ракету|ракета|шахед|шахеда)(?![а-яіїєґё])"
ONE_DOWNED = re.compile(
    r"(?:збит\w*|збил\w*|знешкод\w*|знищ\w*|сбит\w*|сбил\w*|уничтож\w*|перехвач\w*|перехопил\w*"
    r"|випустив|випустила|випустили|запустив|запустила|запустили|выпустил\w*|запустил\w*|застосував\w*"
    r"|применил\w*)\s+"
    r"(?P<what>(?:[а-яіїєґё'-]+\s+){0,3}?" + _ONE + ")"
)
"""'сбит беспилотник', 'сбили летевший на Москву беспилотник', 'випустив ракету «Х-22»': one
weapon downed or launched, named in the singular"""
ONE_DOWNED_AFTER = re.compile(
    r"(?<![а-яіїєґё])(?P<what>(?:беспилотник|безпілотник|дрон|ракета))\s+(?:[а-яіїєґё'-]+\s+){0,3}?"
    r"(?:был\s+|була\s+|была\s+|був\s+)?"
    r"(?:сбит|сбита|збитий|збита|знищений|знищена|уничтожен|уничтожена|перехвачен|перехвачена)(?![а-яіїєґё])"
)
"""'Беспилотник самолетного типа был сбит': the same with the noun before its verb"""
ONE_MORE_IN_LIST = re.compile(
    r"\s+(?:і|та|й|и)\s+(?P<what>(?:[а-яіїєґё'-]+\s+){0,2}?(?:ракету|ракета|беспилотник|безпілотник|шахед)"
    r"(?![а-яіїєґё]))"
)
"""'збити 14 безпілотників і керовану ракету Х-59': a singular weapon after a counted one is one"""


ONE_STRUCK = re.compile(
    r"(?<![а-яіїєґё-])(?P<what>(?:fpv-)?(?:дрон|безпілотник|беспилотник|бпла|шахед|ракета|каб)"
    r"(?:-камікадзе|-камикадзе)?)\s+(?:[а-яіїєґё'-]+\s+){0,2}?"
    r"(?:влучи\w*|поціли\w*|вдари\w*|удари\w*|врізав\w*|врезал\w*|попав|попала|попал"
    r"|атакував|атакувала|атаковал|атаковала|скинув|сбросил)(?![а-яіїєґё])"
)
"""'дрон влучив у будинок', 'беспилотник атаковал автомобиль': one weapon, named in the singular,
that hit (or attacked) a target is one (the settled reading of a single weapon)"""


def _one_downed(low: str) -> list[CyrNumber]:
    if m := ONE_DOWNED.search(low) or ONE_DOWNED_AFTER.search(low) or ONE_STRUCK.search(low):
        return [_one_at(low, m)]
    return []


def _one_at(low: str, m: re.Match[str]) -> CyrNumber:
    """A count of one whose head is the matched noun phrase ('керовану ракету'), or its last word
    when the words before it are no part of the noun ('летевший на Москву беспилотник')."""
    at = m.start("what")
    if _phrase(low, CyrNumber(at, at, 1)).head != "weapon":
        at = low.rfind(" ", at, m.end("what")) + 1 or at
    return CyrNumber(at, at, 1)


def _one_more_in_list(low: str, numbers: list[CyrNumber]) -> list[CyrNumber]:
    out: list[CyrNumber] = []
    for n in numbers:
        ph = _phrase(low, n)
        if ph.head == "weapon" and (m := ONE_MORE_IN_LIST.match(low, ph.end)):
            out.append(_one_at(low, m))
    return out


def sentence_claims(sentence: Sentence, low: str, mentions: list[Mention], ctx: CyrContext) -> list[Draft]:
    """The drafts of one Ukrainian or Russian sentence (mention offsets sentence-relative): its
    counted figures, then its single victims ('загинула жінка') and its explicit zeros."""
    numbers = with_same_again(low, [n for n in find_numbers(low, ctx.lang) if n.value > 0])
    numbers = numbers or _one_listed(low, ctx) or ([] if ctx.running_count else _one_downed(low))
    if more := _one_more_in_list(low, numbers):
        numbers = sorted(numbers + more, key=lambda n: n.start)
    when = _day_tally(_When(*_date_and_period(low, ctx)), ctx)
    if when.rule == "context_date" and ctx.prev_when is not None and ctx.prev_when.period and ALSO.match(low):
        when = ctx.prev_when  # 'За тиждень ворог випустив 1500 дронів. Також ... 1280 КАБів.'
    if when.rule != "context_date":
        ctx.prev_when = when  # a sentence with no time of its own keeps the last one named
    _remember_missile_class(low, ctx)
    people = CASUALTY_WORD.search(low) is not None  # most sentences name no victim: skip their rules
    zeros = _zero_drafts(low) if people else []
    singles = _single_casualties(low, numbers) if people else []
    all_downed = ALL_DOWNED.search(low)
    if not numbers and not zeros and not singles and not all_downed:
        _remember_list_head(low, ctx, when.rule, when.period)
        ctx.prev_verbless = low
        return []
    list_line = _is_list_line(low, numbers, ctx)
    if when.period is None and ctx.list_period is not None and list_line:
        when = _When(ctx.list_period[0], None, ctx.list_period[1])  # a line under 'за тиждень випустили:'
    elif not list_line:
        ctx.list_cue = ctx.list_period = None
    places = [m for m in mentions if m.entry.type.value == "place"]
    weapons = [m for m in mentions if m.entry.type.value == "weapon"]
    evidence = construct(Evidence, {"text": sentence.text, "start": sentence.start, "end": sentence.end})
    attacker = _attacker(low, [m for m in places if not is_launch_site(low, m)], ctx)
    out: list[Draft] = []
    now = NOW_AFTER_TREND.search(low)
    before_now = now.start() if now and any(n.start >= now.end() for n in numbers) else None
    for i, n in enumerate(numbers):
        if _month_after(low, n.end):
            continue
        ph = _model_head(low, _phrase(low, n), weapons)
        if n.value in YEARS and ph.head not in ("weapon", "person", "casualty"):
            continue  # '2025', not '1961 ударний безпілотник'

        draft = _draft(low, ph, weapons, places, ctx, out)
        if draft is None:
            continue
        draft.attacker, draft.evidence = attacker, evidence
        if draft.weapon_class == WeaponClass.MISSILES and ctx.missile_class is not None:
            draft.weapon_class = ctx.missile_class  # 'крилатими ракетами атакували ... Одну ракету збили'
        when.apply(draft)
        lo = numbers[i - 1].end if i > 0 else 0
        hi = numbers[i + 1].start if i + 1 < len(numbers) else len(low)
        if before_now is not None and n.end <= before_now:
            draft.is_reference, draft.date, draft.scope_rule = True, None, "trend_before_now"
        out.extend(_per_region(low, ph, draft, places, lo, hi))
        if draft.measure in WEAPON_MEASURES:
            ctx.last_weapon = draft
    for pos, measure, rule, value in [
        (p, m, "single_casualty" if v == 1 else "age_list", v) for p, m, v in singles
    ] + [(p, m, r, 0) for p, m, r in zeros]:
        extra = _make_draft(
            low,
            _Phrase(CyrNumber(pos, pos, value), pos, "casualty"),
            "casualty",
            measure,
            None,
            None,
            places if value else [],
            rule,
        )
        extra.attacker, extra.evidence = attacker, evidence
        out.append(when.apply(extra))
    ctx.launched += [d for d in out if d.measure == Measure.LAUNCHED and not d.is_reference]
    ctx.weapon_figures += [d for d in out if d.measure in WEAPON_MEASURES]
    ctx.prev_verbless = None
    if all_downed and (whole := _all_of_them(low, all_downed, ctx)) is not None:
        whole.evidence = evidence
        out.append(whole)
    return out


MODEL_HEAD_GAP = re.compile(r"\s*[«\"“„]?\s*")
"""between a figure and a model named as its noun ('вісім «Калібрів»')"""


def _model_head(low: str, ph: _Phrase, weapons: list[Mention]) -> _Phrase:
    """'вісім Калібрів', '6 Искандеров': a model named as the noun of a figure is its weapon head."""
    if ph.head is not None:
        return ph
    gap = MODEL_HEAD_GAP.match(low, ph.number.end)
    for w in weapons:
        if w.start == gap.end() and w.entry.claim_class:
            return _Phrase(ph.number, w.end, "weapon", weapon_class=WeaponClass(w.entry.claim_class))
    return ph


MISSILE_CLASS_NAMED = re.compile(
    r"(?<![а-яіїєґё])(?P<cls>" + "|".join(_CLASS_OF_WORD) + r")[а-яіїєґё]*\s+(?:[а-яіїєґё]+\s+)?ракет"
)
"""'крилатими ракетами', 'баллистических ракет': a missile class named with the noun"""


def _remember_missile_class(low: str, ctx: CyrContext) -> None:
    """The one missile class a sentence names is what a later bare 'ракета' of the same text is;
    a sentence naming two classes leaves the class open again."""
    if "ракет" not in low:
        return
    named = {_CLASS_OF_WORD[m.group("cls")] for m in MISSILE_CLASS_NAMED.finditer(low)}
    if named:
        ctx.missile_class = named.pop() if len(named) == 1 else None


ALL_DOWNED = re.compile(
    r"(?<![а-яіїєґё])(?:всі|усі|все|всё)\s+(?:вони\s+|они\s+|з\s+них\s+|из\s+них\s+)?"
    r"(?P<noun>(?:[а-яіїєґё'-]+\s+){0,2}?)(?:були\s+|были\s+|было\s+|було\s+)?"
    r"(?:знищен\w*|збит\w*|збито|уничтожен\w*|сбит\w*|перехвачен\w*|подавлен\w*)"
)
"""'все они уничтожены', 'Усі крилаті ракети збито': the figure launched before, all downed"""


def _all_of_them(low: str, m: re.Match[str], ctx: CyrContext) -> Draft | None:
    """The intercepted draft 'all of them' makes of the latest launched figure of the class it
    names (any class when it names none)."""
    named = _phrase(" " + m.group("noun"), CyrNumber(0, 0, 0)) if m.group("noun").strip() else None
    cls = named.weapon_class if named is not None and named.head == "weapon" else None
    for launched in reversed(ctx.launched):
        if (
            cls is None
            or launched.weapon_class == cls
            or (cls == WeaponClass.MISSILES and launched.weapon_class in MISSILE_CLASSES)
        ):
            return dataclasses.replace(
                launched,
                measure=Measure.INTERCEPTED,
                measure_rule="all_of_them",
                weapon_model=None,
                passes=[],
            )
    return None


YEARS = range(1900, 2101)
NOW_AFTER_TREND = re.compile(
    r"[,;]?\s(?:і|й|а|и|но|але)\s+(?:сьогодні|сегодня|зараз|сейчас|тепер|теперь|нині|ныне)(?![а-яіїєґё])"
)
"""'далі 127, 200 дронів, і сьогодні маємо 116': the figures before 'and today' are earlier
nights cited as a trend (references), the one after it is the news"""


def _per_region(low: str, ph: _Phrase, draft: Draft, places: list[Mention], lo: int, hi: int) -> list[Draft]:
    """'сбили по 11 дронов над Белгородской и Воронежской областями': one figure per region."""
    regions = _regions_each(low, ph, places, lo, hi) if draft.measure in WEAPON_MEASURES else []
    if len(regions) < 2:
        return [draft]
    return [dataclasses.replace(draft, locations=[r], measure_rule="each_region", passes=[]) for r in regions]


EACH_BEFORE = re.compile(r"\bпо\s+$")
THE_REST = re.compile(r"(?<![а-яіїєґё])(?:остальн\w*|решта|решту|інші)(?![а-яіїєґё])")
EACH_OVER = re.compile(r"\s+(?:над|в|у|на)\s|\s*[—–-]\s")
"""'по 15 над Курской и Орловской', 'по одному — в Курской и Калужской': the regions follow"""
ELLIPSIS_BEFORE = re.compile(r"(?:над|в|у|на)\s+[а-яіїєґё'’ -]{2,40}?\s[—–-]\s*(?:(?:ще|еще|ещё)\s+)?$")
"""'..., над Нижегородской — пять', 'в Ростовской — 12': a place, a dash, the figure; the noun
and verb are those of the figure before (an ellipsis)"""
REGION_LIST = re.compile(
    r"(?P<adjs>[а-яіїєґё'-]+(?:\s*,\s*[а-яіїєґё'-]+)*(?:\s*,?\s*(?:и|і|та|й|а\s+также|а\s+також)\s+"
    r"[а-яіїєґё'-]+))\s+(?:област\w*|регион\w*|регіон\w*)"
)
_REGION_NOUN = {"ru": "области", "uk": "області"}


def _regions_each(low: str, ph: _Phrase, places: list[Mention], lo: int, hi: int) -> list[str]:
    """The regions a distributive 'по N' figure is given for, each its own claim: 'по 11 над
    Белгородской и Воронежской областями', 'по одному над Брянской, Курской и Тульской
    областями, а также над Мордовией' (places named in full count too)."""
    if not EACH_BEFORE.search(low, max(0, ph.number.start - 4), ph.number.start):
        return []
    if tail := ELLIPSIS_BEFORE.search(low, ph.end, hi):
        hi = tail.start()  # ', над Нижегородской — пять': the next figure's own region
    if EACH_OVER.match(low, ph.number.end):
        lo = ph.number.end  # 'по 15 над Курской и Орловской': the regions follow the figure
    if rest := THE_REST.search(low, lo, hi):
        hi = rest.start()  # '..., остальные в Белгородской': an unstated remainder is no claim
    clause = low[lo:hi]  # from the figure before it to the figure after it
    lang = "uk" if any(c in clause for c in "іїєґ") else "ru"
    names: list[str] = []
    for m in REGION_LIST.finditer(clause):
        for adj in re.split(r"\s*,\s*|\s+(?:и|і|та|й|а\s+также|а\s+також)\s+", m.group("adjs")):
            if adj:
                found, _ = default_gazetteer().scan(f"{adj.capitalize()} {_REGION_NOUN[lang]}")
                names += [f.entry.name for f in found if f.entry.type.value == "place"]
    names += [m.entry.name for m in places if lo <= m.start < hi and m.entry.kind != "country"]
    return list(dict.fromkeys(names))


def _month_after(low: str, end: int) -> bool:
    m = re.match(r"\s+([а-яіїєґё]+)", low[end : end + 20])
    return bool(m and _month(m.group(1)))


SUB_COUNT_BEFORE = re.compile(
    r"(?:зокрема|серед\s+них|серед\s+яких|серед\s+загиблих|серед\s+поранених|у\s+тому\s+числі|в\s+тому\s+числі"
    r"|в\s+том\s+числе|среди\s+них|среди\s+которых|среди\s+погибших|среди\s+пострадавших|в\s+частности"
    r"|(?:перебува|залишаю|находят|остают)\w*\s+(?:ще\s+|еще\s+)?(?:у|в)\s+(?:\w+\s+)?"
    r"(?:лікарн|стаціонар|больниц|стационар|госпитал|реанімац|реанимац)\w*"
    r"|(?:у|в)\s+(?:лікарн|стаціонар|больниц|стационар|госпитал|реанімац|реанимац)\w*(?:\s+[\w'-]+){0,2}\s+"
    r"(?:перебува|залишаю|находят|остают)\w*(?:\s+ще|\s+еще)?)[\s,:—–-]*"
    r"(?:(?:є|е|—|–|-)\s*)?$"
)
"""'постраждали 63 мешканці, зокрема 11 дітей': a part of the toll, not another count"""
SUB_COUNT_REACH = 60  # characters before a figure where 'у стаціонарах лікарень перебувають' may start
OF_THEM_BEFORE = re.compile(r"(?:из|з|із)\s+них[\s,:—–-]*$")
"""'13 человек - из них четверо детей' (people only: 'з них 64 були знищені' counts drones)"""
CONDITION_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}(?:[—–-]\s*)?(?:в|у)\s+(?:(?:\w+\s+)?(?:состоянии|стані)"
    r"|(?:тяжел|тяжк|важк|средн|середн|критичн|удовлетворительн|стабильн|стабільн)\w*(?![\w\s]*(?:район|област)))"
)
"""'пять человек в среднем состоянии': how the counted are, not more of them"""
PART_OF_AFTER = re.compile(r"\s+(?:з|із|из)\s+(?P<n>\d+)")
WHOLE_BEFORE = re.compile(r"\d\s+(?:з|із|из)\s+$")
"""'знищили 11 з 16 шахедів': 16 is the whole, launched"""


@dataclass(frozen=True, slots=True)
class Decided:
    """A phrase rule's verdict: what the number counts and its measure; `rule` names a cue when
    the cue, not the rule, decided the measure."""

    head: str
    measure: Measure
    weapon_class: WeaponClass | None = None
    model: str | None = None
    rule: str | None = None
    places_in: tuple[int, int] | None = None  # where its places are named, when not around it


DROP = Decided("drop", Measure.LAUNCHED)
"""a rule's verdict that the number counts nothing we track (no later rule is asked)"""


@dataclass(slots=True)
class _View:
    """What a phrase rule may look at."""

    low: str
    ph: _Phrase
    weapons: list[Mention]
    places: list[Mention]
    ctx: CyrContext
    earlier: list[Draft]  # this sentence's drafts so far


def _not_a_count(v: _View) -> Decided | None:
    return DROP if v.ph.head == "skip" else None


WEAPON_PART_BEFORE = re.compile(
    r"(?:в\s+том\s+числе|в\s+т\.\s*ч\.|у\s+тому\s+числі|в\s+тому\s+числі|зокрема|из\s+них|з\s+них|із\s+них"
    r"|решта|решту|остальн\w*|інш\w*)[\s,:—–-]*$"
)
"""'шесть — в Московском регионе, в том числе пять, летевших на Москву', 'решта 13': a part of
the weapon figure before, its own claim (the places after it are its own)"""
ONE_OF_AFTER = re.compile(r"\s+(?:з|із|из)\s+(?=\S)")
"""'Один з безпілотників був невстановленого типу': a part named by the whole's noun"""


def _weapon_part(v: _View) -> Decided | None:
    ph = v.ph
    if ph.head is not None:
        return None
    source = next(  # the latest weapon figure this one can be a part of
        (
            d
            for d in reversed(v.ctx.weapon_figures + v.earlier)
            if d.measure in WEAPON_MEASURES and d.value > ph.number.value
        ),
        None,
    )
    if source is None or source.weapon_class is None:
        return None
    if WEAPON_PART_BEFORE.search(v.low, max(0, ph.number.start - 20), ph.number.start):
        if PERSON_HEAD.match(v.low, ph.number.end) or CASUALTY_HEAD.match(v.low, ph.number.end):
            return None
        if _cue_right_after(v.low, ph.end) is not None:
            return None  # 'З них 64 були знищені', 'решта 8 локаційно втрачені': its verb decides
        stop = ITEM_END.search(v.low, ph.number.end + 1)  # 'пять, летевших на Москву;'

        span = (ph.number.end, stop.start() if stop else len(v.low))
        return Decided("weapon", source.measure, source.weapon_class, places_in=span)
    if of := ONE_OF_AFTER.match(v.low, ph.number.end):
        named = _phrase(v.low, CyrNumber(of.end() - 1, of.end() - 1, 0))
        if named.head == "weapon" and (
            named.weapon_class == source.weapon_class
            or {named.weapon_class, source.weapon_class} <= {WeaponClass.MISSILES, *MISSILE_CLASSES}
        ):
            found = _nearest_cue(v.low, ph, WEAPON_MEASURES)
            measure = found[0].measure if found is not None else source.measure
            return Decided("weapon", measure, named.weapon_class)
    return None


SETTLEMENT_AFTER = re.compile(
    r"\s*(?:[\w'-]+\s+){0,2}?(?:в|у|на)\s+(?:сел\w*|селищ\w*|поселк\w*|посёлк\w*|місті|городе|хутор\w*|деревн\w*"
    r"|с\.|смт|м\.)(?![а-яіїєґё])"
)
"""'в частности, шесть человек пострадали в селе Стрелецкое': a place's own toll, not a part by kind"""
BREAKDOWN_BEFORE = re.compile(r":\s*$")
"""'пострадали шесть жителей: пять женщин и 17-летний парень': the victims by kind after a colon"""


def _sub_count(v: _View) -> Decided | None:
    """'постраждали 63, зокрема 11 дітей', 'пять человек в среднем состоянии', 'шесть жителей:
    пять женщин' (a toll's victims by kind); not a place's own toll ('зокрема 6 людей у селі')."""
    if v.ph.head == "person" and v.earlier and v.earlier[-1].measure in CASUALTY_MEASURES and (
        BREAKDOWN_BEFORE.search(v.low, max(0, v.ph.number.start - 3), v.ph.number.start)
    ):
        return DROP
    if v.ph.head in ("person", "casualty", None) and (
        (
            SUB_COUNT_BEFORE.search(v.low[max(0, v.ph.number.start - SUB_COUNT_REACH) : v.ph.number.start])
            and not SETTLEMENT_AFTER.match(v.low, v.ph.end)
        )
        or (
            v.ph.head is not None
            and OF_THEM_BEFORE.search(v.low, max(0, v.ph.number.start - 12), v.ph.number.start)
        )
        or CONDITION_AFTER.match(v.low, v.ph.end)
    ):
        return DROP
    return None


def _part_of_whole(v: _View) -> Decided | None:
    """'знищили 11 з 16 шахедів': the part takes the whole's noun and the verb before it."""
    if v.ph.head is None and (whole := PART_OF_AFTER.match(v.low, v.ph.number.end)):
        of = _phrase(v.low, CyrNumber(whole.end() - len(whole.group("n")), whole.end(), 0))
        found = _nearest_cue(v.low, v.ph, WEAPON_MEASURES)
        if of.head == "weapon" and found is not None:
            return Decided("weapon", found[0].measure, of.weapon_class)
    return None


def _whole_after_part(v: _View) -> Decided | None:
    """'знищили 11 з 16 шахедів', 'знищили 81 дрон «шахед» з 112': the whole is launched."""
    if v.ph.head == "weapon" and WHOLE_BEFORE.search(
        v.low[max(0, v.ph.number.start - 12) : v.ph.number.start]
    ):
        return Decided("weapon", Measure.LAUNCHED, v.ph.weapon_class)
    if v.ph.head is None and (part := NAMED_PART_BEFORE.search(v.low, 0, v.ph.number.start)):
        named = _phrase(v.low, CyrNumber(part.start("n"), part.end("n"), 0))
        if named.head == "weapon" and named.end <= part.start("of"):
            return Decided("weapon", Measure.LAUNCHED, named.weapon_class)
    return None


NAMED_PART_BEFORE = re.compile(r"(?<!\d)(?P<n>\d+)\s+[^\d,.;:]{1,40}?\s(?P<of>з|із|из)\s+$")


def _list_line(v: _View) -> Decided | None:
    """'11 БпЛА — над территорией Ростовской области;': a line of the list under a total."""
    last, ph = v.ctx.last_weapon, v.ph
    if (
        last is not None
        and ph.head in (None, "weapon")
        and not v.low[: ph.number.start].strip(" \t-–—•*")
        and LIST_ITEM.match(v.low, ph.end)
    ):
        model = last.weapon_model if ph.weapon_class in (None, last.weapon_class) else None
        return Decided("weapon", last.measure, ph.weapon_class or last.weapon_class, model)
    return None


def _list_item(v: _View) -> Decided | None:
    """'43 – над территорией Брянской области' within a sentence: a part of the intercept total."""
    last = v.ctx.last_weapon
    colon_item = (
        (not v.earlier or v.earlier[-1].measure in WEAPON_MEASURES)
        and ":" in v.low[: v.ph.number.start]
        and PLACE_ITEM.match(v.low, v.ph.number.end)
        and any(p.start == PLACE_ITEM.match(v.low, v.ph.number.end).end() for p in v.places)  # type: ignore[union-attr]
    )
    if v.ph.head is None and last is not None and (LIST_ITEM.match(v.low, v.ph.number.end) or colon_item):
        stop = ITEM_END.search(v.low, v.ph.number.end)
        span = (v.ph.number.end, stop.start() if stop else len(v.low))
        return Decided("weapon", last.measure, last.weapon_class, last.weapon_model, places_in=span)
    return None


PLACE_ITEM = re.compile(r"\s+(?:над|в|у|на)\s+")
"""'..., 5 на Миколаївщині, 2 на Одещині' after a colon: a list item with no dash"""
ITEM_END = re.compile(r"[,;.]|\s(?:и|і|та|й|а)\s+(?=\d|столько|стільки)")
"""where a list item's places end: the next item ('три — над Крымом и столько же над морем')"""
INCREMENT_BEFORE = re.compile(r"(?:ещё|еще|ще|щё)\s+$")


def _increment(v: _View) -> Decided | None:
    """'сбили 67-й дрон ... перехватили ещё один': one more added to a running count is no figure."""
    if v.ctx.running_count and v.ph.number.value == 1 and INCREMENT_BEFORE.search(
        v.low, max(0, v.ph.number.start - 6), v.ph.number.start
    ):
        return DROP
    return None


WEAPON_TALLY_BEFORE = re.compile(
    r"(?:кількість|число|количество)\s+(?P<verb>[а-яіїєґё']+)\s+(?:бпла|дрон\w*|беспилотн\w*|безпілотн\w*"
    r"|ракет\w*)(?:\s+[\w'-]+){0,3}\s+(?:становить|становила|составляет|составило|составила|сягнула|достигло"
    r"|[-—–])\s*$"
)
"""'количество сбитых БПЛА составляет 26': the count of downed (or launched) drones"""


def _weapon_tally(v: _View) -> Decided | None:
    before = v.low[max(0, v.ph.number.start - 80) : v.ph.number.start]
    if v.ph.head is not None or not (tally := WEAPON_TALLY_BEFORE.search(before)):
        return None
    noun = _phrase(" " + before[tally.end("verb") : tally.end()].strip(), CyrNumber(0, 0, 0))
    cue = next(
        (c for c in CUES if c.measure in WEAPON_MEASURES and c.pattern.fullmatch(tally.group("verb"))), None
    )
    if cue is None or noun.head != "weapon":
        return None
    return Decided("weapon", cue.measure, noun.weapon_class, rule=cue.name)


def _ellipsis(v: _View) -> Decided | None:
    """'над Белгородской сбили 11 дронов, над Нижегородской — пять': a bare figure after a place
    and a dash counts what the figure before it counted."""
    tail = ELLIPSIS_BEFORE.search(v.low, max(0, v.ph.number.start - 50), v.ph.number.start)
    each = EACH_BEFORE.search(v.low, max(0, v.ph.number.start - 4), v.ph.number.start) and EACH_OVER.match(
        v.low, v.ph.number.end
    )  # '..., по 15 над Курской и Орловской областями'
    if v.ph.head is not None or not (tail or each or v.ph.number.elided):
        return None
    if tail and not each and not FIGURE_ALONE_AFTER.match(v.low, v.ph.number.end):
        return None  # 'У Тернівці – 10 тисяч абонентів': a noun follows, the figure counts that
    source = next((d for d in reversed(v.earlier) if d.measure in WEAPON_MEASURES), v.ctx.last_weapon)
    if source is None or source.weapon_class is None:
        return None
    if each:
        return Decided("weapon", source.measure, source.weapon_class, source.weapon_model)
    if tail is not None:
        span = (tail.start(), v.ph.number.start)
    else:  # 'и столько же над акваторией моря': its places follow it
        stop = ITEM_END.search(v.low, v.ph.number.end)
        span = (v.ph.number.end, stop.start() if stop else len(v.low))
    return Decided("weapon", source.measure, source.weapon_class, source.weapon_model, places_in=span)


APPOSITION_BEFORE = re.compile(
    r"(?P<noun>дрон\w*|бпла|беспилотн\w*|безпілотн\w*|ракет\w*|шахед\w*|геран\w*)\s*[—–-]\s*$"
)
APPOSITION_AFTER = re.compile(r"\s*[—–-]\s")
"""'Больше всего дронов — десять — сбили над ...': the figure set off by dashes after its noun"""


def _apposition(v: _View) -> Decided | None:
    ph = v.ph
    if ph.head is not None or not APPOSITION_AFTER.match(v.low, ph.number.end):
        return None
    if not (m := APPOSITION_BEFORE.search(v.low[max(0, ph.number.start - 40) : ph.number.start])):
        return None
    noun = _phrase(" " + m.group("noun"), CyrNumber(0, 0, 0))
    found = _nearest_cue(v.low, ph, WEAPON_MEASURES)
    if noun.head != "weapon" or found is None:
        return None
    return Decided("weapon", found[0].measure, noun.weapon_class, rule=found[0].name)


SHARED_NOUN_AFTER = re.compile(r"(?:\s*,\s*|\s+(?:і|та|й|и|або|или|чи)\s+)(?P<n>\d+|[а-яіїєґё']+)")
"""'далі 127, 200 дронів', 'два або три дрони': a bare figure shares the noun of the one after it"""


def _shared_noun(v: _View) -> Decided | None:
    if v.ph.head is not None or not (nxt := SHARED_NOUN_AFTER.match(v.low, v.ph.number.end)):
        return None
    word = nxt.group("n")
    if not word.isdigit() and word_value(word, v.ctx.lang) is None:
        return None
    after = _phrase(v.low, CyrNumber(nxt.start("n"), nxt.end("n"), 0))
    if after.head != "weapon":
        return None
    found = _nearest_cue(v.low, after, WEAPON_MEASURES)
    return Decided("weapon", found[0].measure, after.weapon_class, rule=found[0].name) if found else None


def _weapon_cue(v: _View) -> Decided | None:
    """A weapon count: the nearest cue of its clause, a list head's verb, else the item before."""
    ph = v.ph
    if ph.head != "weapon":
        return None
    found = _nearest_cue(v.low, ph, WEAPON_MEASURES)
    if found is None and v.ctx.list_cue is not None:
        found = (v.ctx.list_cue, 0)  # a line of the list under 'окупанти випустили:'
    last = v.ctx.last_weapon
    if found is not None:
        measure, rule = found[0].measure, found[0].name
    elif v.earlier and v.earlier[-1].measure in WEAPON_MEASURES:
        measure, rule = v.earlier[-1].measure, "list_share"  # '9 ракет та 56 БпЛА'
    elif last is not None and PLACE_DASH_OPENING.fullmatch(v.low, 0, ph.number.start):
        measure, rule = last.measure, "place_dash"  # '... знищили ракету. Над Павлоградським – 6 БпЛА.'
    elif v.ctx.prev_verbless is not None and (cue := _last_weapon_cue(v.ctx.prev_verbless)) is not None:
        measure, rule = cue.measure, "verb_before"  # 'Запуски ... з РФ. Близько 60 дронів.'
    elif v.ctx.launched and CLASS_SPLIT.search(v.low, ph.end):
        measure, rule = Measure.LAUNCHED, "class_split"  # 'Около 80 беспилотников были ударными'
    else:
        return DROP
    weapon_class, model = ph.weapon_class, None
    near = [
        w for w in v.weapons
        if ph.number.end <= w.start < ph.end + MODEL_REACH and w.entry.claim_class
        and not CLAUSE_BREAK.search(v.low, ph.end, w.start)
    ]
    if near:
        two_models = len(near) > 1 and MODELS_JOINED.fullmatch(v.low, near[0].end, near[1].start)
        model = None if two_models or OTHER_TYPES_AFTER.match(v.low, near[0].end) else near[0].entry.name
        if weapon_class in (WeaponClass.MISSILES, None) or near[0].entry.claim_class == "drones":
            weapon_class = WeaponClass(near[0].entry.claim_class)
    elif _downs_what_was_launched(measure, weapon_class, ph.number.value, last):
        model = last.weapon_model  # '176 ударними БпЛА типу Shahed. Збито 130 БпЛА.'
    return Decided("weapon", measure, weapon_class, model, rule)


def _downs_what_was_launched(
    measure: Measure, weapon_class: WeaponClass | None, value: int, last: Draft | None
) -> bool:
    """A downed, lost or hit figure of the class just launched, no larger, when that launch was of
    one model only: it counts that model (only one type was named)."""
    return (
        last is not None and last.measure == Measure.LAUNCHED and last.weapon_model is not None
        and measure in WEAPON_MEASURES and measure != Measure.LAUNCHED
        and weapon_class == last.weapon_class and value <= last.value
    )


OTHER_TYPES_AFTER = re.compile(
    r"[»“”\"'\s]*(?:\(\s*|,\s*|(?:і|та|й|и|а\s+також|а\s+также)\s+)(?:[а-яіїєґё'-]+\s+){0,2}?"
    r"(?:безпілот|беспилот|дрон|бпла|імітатор|имитатор|інш|других|друг|різн|разн|гербер|герань|молні|молни|fpv)"
)
"""'ударними БпЛА типу Shahed і безпілотниками-імітаторами', 'Shahed, Гербера та інших типів':
the figure counts several types, so it names no one model"""
CLAUSE_BREAK = re.compile(r"[,;—–]\s|\s(?:з|із|из)\s+них")
"""'50 дронами, близько 30 із них – шахеди': a model past a comma is another figure's"""
MODELS_JOINED = re.compile(r"[\s,»“”\"'/]*(?:і|та|й|и|або|или)?\s*[«\"“„]?")
"""'ракет Х-101 та Х-555', 'Іскандер-М/KN-23': two models named for one figure, so it has none"""
PLACE_DASH_OPENING = re.compile(r"\W*(?:над|в|у|на)\s+[^\d—–.]{2,40}?\s*[—–-]\s*")
"""a verbless sentence opening with a place and a dash: the verb of the sentence before"""
CLASS_SPLIT = re.compile(
    r"\s+(?:були|были|є|-|—|–)\s*(?:ударн\w*|імітатор\w*|имитатор\w*|ловушк\w*|приманк\w*|реактивн\w*)"
)
"""'Около 80 беспилотников были ударными': a part of the launched figure, by kind"""


VERB_BEFORE_REACH = 25  # characters before a bare figure where its casualty verb may end ('ранены 35')
FIGURE_ALONE_AFTER = re.compile(r"\s*(?:(?:з|із|из)\s+них\s*)?(?:[,.;:)!]|$|(?:і|та|й|и|а)\s)")
"""a figure with no noun of its own: 'збито 63.', 'вдалося збити 15 з них.'"""
VERB_THEN_FIGURE = re.compile(
    r"(?:\s+(?:ще|еще|ещё|щонайменше|не\s+менее|как\s+минимум|понад|более))?(?:\s*[—–:-])?\s+$"
)


def _verb_then_figure(v: _View) -> Decided | None:
    """'погибли 4 человека, ранены 35', 'поранених – 14', 'збито 63': a bare figure right after its
    verb (a weapon verb's figure counts what the figure before it counted)."""
    if v.ph.head is not None or not FIGURE_ALONE_AFTER.match(v.low, v.ph.number.end):
        return None  # 'знищено 4 дачних будинки': a noun follows, the figure counts that
    lo = max(0, v.ph.number.start - VERB_BEFORE_REACH)
    for cue in CUES:
        for m in cue.pattern.finditer(v.low, lo, v.ph.number.start):
            if not VERB_THEN_FIGURE.fullmatch(v.low, m.end(), v.ph.number.start):
                continue
            if cue.measure in CASUALTY_MEASURES:
                return Decided("casualty", cue.measure, rule=cue.name)
            before = [d for d in v.earlier if d.measure in WEAPON_MEASURES and d.weapon_class is not None]
            before = before or ([v.ctx.last_weapon] if v.ctx.last_weapon is not None else [])
            # 'атакував 73 БпЛА та 3 ракетами, збито 63': no more can be downed than were sent
            source = next(
                (d for d in reversed(before) if d.value >= v.ph.number.value), before[-1] if before else None
            )
            if source is not None and source.weapon_class is not None:
                # 'запустили 17 шахедів ... вдалося збити 15 з них': a part of one model's figure
                return Decided("weapon", cue.measure, source.weapon_class, source.weapon_model, rule=cue.name)
    return None


def _toll(v: _View) -> Decided | None:
    """'Кількість постраждалих зросла до 6', 'До 23 зросла кількість загиблих'."""
    if v.ph.head in (None, "person") and (
        (toll := TOLL_BEFORE.search(v.low[max(0, v.ph.number.start - TOLL_REACH) : v.ph.number.start]))
        or (toll := TOLL_AFTER.match(v.low, v.ph.number.end))
    ):
        killed = toll.group("kind").startswith(("загибл", "погибш", "жертв"))
        return Decided("casualty", Measure.KILLED if killed else Measure.INJURED)
    return None


OF_THEM_AFTER = re.compile(r"\s+(?:из|з|із)\s+них\b")
NOT_MANAGED = re.compile(r"не\s+(?:удалось|удалося|вдалося|вдалось|змогли|смогли|змогла|смогла)\s+$")
"""'31 из них не удалось перехватить': the intercept verb is negated, the next verb decides"""
OF_THEM_REACH = 70  # characters after 'из них' where its verb ('попали в цели') may stand


def _of_them_verb(v: _View) -> Decided | None:
    """'..., 31 из них не удалось перехватить и они попали в цели': a part of the weapon figure
    before, measured by its own verb."""
    if v.ph.head is not None or not (of := OF_THEM_AFTER.match(v.low, v.ph.number.end)):
        return None
    source = next((d for d in reversed(v.earlier) if d.measure in WEAPON_MEASURES), v.ctx.last_weapon)
    weapon_class = source.weapon_class if source is not None else _noun_class_before(v.low, v.ph.number.start)
    if weapon_class is None:
        return None
    if source is not None and (kind := _model_named_after(v, of.end())) is not None:
        kind_class = WeaponClass(kind.entry.claim_class)
        return Decided("weapon", source.measure, kind_class, kind.entry.name, "of_them_model")
    hi = min(len(v.low), of.end() + OF_THEM_REACH)
    found = sorted(
        (m.start(), cue) for cue in CUES if cue.measure in WEAPON_MEASURES
        for m in cue.pattern.finditer(v.low, of.end(), hi)
    )
    model = source.weapon_model if source is not None else None  # '14 Shahed ... 11 з них збили'
    for start, cue in found:
        if not NOT_MANAGED.search(v.low, of.end(), start):
            return Decided("weapon", cue.measure, weapon_class, model, rule=cue.name)
    return None


DASH_THEN = re.compile(r"\s*(?:[—–-]|це|это|були|были|є)\s*[«\"“„]?")


def _model_named_after(v: _View, at: int) -> Mention | None:
    """'близько 30 із них – шахеди': the model a part of the figure before is said to be."""
    dash = DASH_THEN.match(v.low, at)
    if dash is None:
        return None
    return next((w for w in v.weapons if w.start == dash.end() and w.entry.claim_class), None)


WEAPON_NOUN = re.compile(r"(?<![а-яіїєґё])(?:бпла|беспилотник\w*|безпілотник\w*|дрон\w*|ракет\w*|шахед\w*)")


def _noun_class_before(low: str, end: int) -> WeaponClass | None:
    """'Украинские беспилотники атаковали ..., 12 из них': the class of the weapon noun named
    before a figure that counts part of it (with the word before it: 'крилаті ракети')."""
    found = list(WEAPON_NOUN.finditer(low, 0, end))
    if not found:
        return None
    last = found[-1]
    for start in (low.rfind(" ", 0, max(0, last.start() - 1)) + 1, last.start()):
        noun = _phrase(" " + low[start : last.end()], CyrNumber(0, 0, 0))
        if noun.head == "weapon":
            return noun.weapon_class
    return None


def _bare_verb(v: _View) -> Decided | None:
    """'З них 64 були знищені', '3 отримали поранення': a bare number and its verb."""
    if v.ph.head is not None or (cue := _cue_right_after(v.low, v.ph.end)) is None:
        return None
    if cue.measure not in WEAPON_MEASURES:
        return Decided("casualty", cue.measure, rule=cue.name)
    earlier = v.earlier[-1] if v.earlier and v.earlier[-1].measure in WEAPON_MEASURES else None
    source = earlier or v.ctx.last_weapon
    if source is None or source.weapon_class is None:
        return DROP
    return Decided("weapon", cue.measure, source.weapon_class, source.weapon_model, cue.name)


def _casualty(v: _View) -> Decided | None:
    """People counted: the casualty word's own measure ('загиблих'), else the clause's cue."""
    if v.ph.head not in ("person", "casualty"):
        return None
    if v.ph.head == "casualty" and v.ph.measure is not None:
        return Decided("casualty", v.ph.measure)
    verb = _cue_right_after(v.low, v.ph.end, same_clause=True)  # 'погибла женщина, еще три человека ранены'
    if verb is not None and verb.measure in CASUALTY_MEASURES:
        return Decided("casualty", verb.measure, rule=verb.name)
    found = _nearest_cue(v.low, v.ph, CASUALTY_MEASURES)
    return Decided("casualty", found[0].measure, rule=found[0].name) if found is not None else DROP


@dataclass(frozen=True, slots=True)
class PhraseRule:
    name: str
    decide: Callable[[_View], Decided | None]
    example: str  # a sentence of ours in which this rule decides a figure (its test)


# fmt: off
PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule("not_a_count", _not_a_count, "Уламки впали на 37 локаціях, пошкоджено 5 будинків."),
    PhraseRule("weapon_part", _weapon_part,
               "Над Курской сбили 12 дронов, в том числе 5, летевших на Москву."),
    PhraseRule("sub_count", _sub_count, "Постраждали 63 мешканці міста, зокрема 11 дітей."),
    PhraseRule("part_of_whole", _part_of_whole, "Сили ППО знищили 11 з 16 шахедів над Одещиною."),
    PhraseRule("whole_after_part", _whole_after_part, "Сили ППО знищили 11 з 16 шахедів над Одещиною."),
    PhraseRule("list_line", _list_line,
               "Перехвачены 30 украинских БПЛА:\n20 БПЛА — над территорией Брянской области;"),
    PhraseRule("list_item", _list_item,
               "Уничтожены 30 украинских беспилотников, 20 – над территорией Курской области."),
    PhraseRule("increment", _increment,
               "Силы ПВО сбили 40-й беспилотник, летевший на Москву. Позже сбили ещё один."),
    PhraseRule("weapon_tally", _weapon_tally, "Количество сбитых беспилотников составляет 26."),
    PhraseRule("ellipsis", _ellipsis,
               "Над Брянской областью сбили 12 беспилотников, над Курской — восемь."),
    PhraseRule("apposition", _apposition,
               "Больше всего беспилотников — девять — сбили над Курской областью."),
    PhraseRule("shared_noun", _shared_noun, "Далі ворог запускав 127, 200 дронів за ніч."),
    PhraseRule("weapon_cue", _weapon_cue, "Протиповітряною обороною збито 40 ворожих БпЛА."),
    PhraseRule("verb_then_figure", _verb_then_figure, "Погибли четыре человека, ранены 35."),
    PhraseRule("toll", _toll, "Кількість постраждалих у місті зросла до 6."),
    PhraseRule("of_them_verb", _of_them_verb,
               "Ворог запустив 40 дронів, 12 з них не вдалося збити і вони влучили в будинки."),
    PhraseRule("bare_verb", _bare_verb, "Ворог запустив 74 дрони. З них 64 були знищені."),
    PhraseRule("casualty", _casualty, "Внаслідок удару загинули двоє людей, постраждали 12 осіб."),
)
# fmt: on
"""ordered: the first rule that returns a verdict decides the phrase"""
MODEL_REACH = 30  # characters after a weapon count where its model ('ракети Х-101') may be named


def _draft(
    low: str,
    ph: _Phrase,
    weapons: list[Mention],
    places: list[Mention],
    ctx: CyrContext,
    earlier: list[Draft],
) -> Draft | None:
    """The draft of one number phrase by the first phrase rule that decides it, or None."""
    view = _View(low, ph, weapons, places, ctx, earlier)
    for rule in PHRASE_RULES:
        decided = rule.decide(view)
        if decided is None:
            continue
        if decided is DROP:
            return None
        name = (
            rule.name if decided.rule is None else f"{rule.name}/{decided.rule}"
        )  # ('weapon_cue/intercepted')
        if ph.ordinal:
            ctx.running_count = True
        if decided.places_in is not None:
            lo, hi = decided.places_in
            places = [m for m in places if lo <= m.start < hi]
        draft = _make_draft(
            low, ph, decided.head, decided.measure, decided.weapon_class, decided.model, places, name
        )
        draft.toll_update = draft.measure in CASUALTY_MEASURES and _is_toll_update(low, ph, rule.name)
        return draft
    return None


def _is_toll_update(low: str, ph: _Phrase, rule: str) -> bool:
    """'кількість загиблих зросла до 23', 'число пострадавших возросло до 13 человек': the toll
    now, which replaces the smaller one given before it (the English engine's article pass)."""
    before = low[max(0, ph.number.start - 80) : ph.number.start]
    return (
        rule == "toll"
        or bool(TOLL_REACHED.search(before))
        or bool(TOLL_AFTER.match(low, ph.number.end))
        or bool(TOLL_BEFORE.search(before))
        or bool(KNOWN_SO_FAR.search(before))
    )


KNOWN_SO_FAR = re.compile(
    r"(?:(?:известно|відомо)\s+(?:о|об|про)|(?:по\s+состоянию|станом)\s+на\s+\d{1,2}[:.]\d{2}[^.]{0,60}?)\s*$"
)
"""'по состоянию на 09:40 известно о 18 пострадавших': the toll as of now (a live update)"""


LAUNCH_SITE_REACH = 50  # characters before a place where 'з напрямків' makes it a launch site
LAUNCH_SITE_BEFORE = re.compile(
    r"(?:напрям\w*|з\s+території|із\s+території|с\s+территории|з\s+району|из\s+района|запущен\w*\s+(?:з|із|из|с))"
    r"\s*:?\s*(?:[а-яіїєґё'’-]+(?:\s*,\s*|\s+(?:і|й|та|и|а\s+також|а\s+также)\s+|\s*[—–:]\s*|\s+))*$"
)
"""'з напрямків Курськ і Брянськ': where the drones came from, not where they struck"""


ELLIPSIS_PLACE = re.compile(r"[^,.;—–]{0,40}?\s[—–-]\s*(?:\d|[а-яіїєґё])")


def _belongs_after(low: str, end: int, place: Mention) -> bool:
    """A place after a figure that belongs to what follows the figure: the head of the next
    ellipsis, a list after a colon, or a later figure's ('12 дронов, еще 5 — над Курской')."""
    between = low[end : place.start]
    return _heads_an_ellipsis(low, place) or ":" in between or re.search(r"\d", between) is not None


def _heads_an_ellipsis(low: str, place: Mention) -> bool:
    """', над Курской областью — восемь': the place belongs to the figure after its dash."""
    return bool(
        re.search(r",\s*(?:над|в|у|на)\s+$", low[max(0, place.start - 8) : place.start])
        and ELLIPSIS_PLACE.match(low, place.start)
    )


def is_launch_site(low: str, place: Mention) -> bool:
    """'з напрямків: Курськ, Орел': where the drones came from, not the side that was attacked."""
    return bool(LAUNCH_SITE_BEFORE.search(low, max(0, place.start - LAUNCH_SITE_REACH), place.start))


def _make_draft(
    low: str,
    ph: _Phrase,
    head: str,
    measure: Measure,
    weapon_class: WeaponClass | None,
    model: str | None,
    places: list[Mention],
    rule: str,
) -> Draft:
    """The draft of a decided phrase: its places are those named around it."""
    locations = [
        m.entry.name
        for m in places
        if ph.number.start - PLACE_REACH <= m.start < ph.end + PLACE_REACH
        and m.entry.kind != "country"
        and not is_launch_site(low, m)
        and not (m.start >= ph.end and _belongs_after(low, ph.end, m))
    ]
    return Draft(
        attacker=Attacker.RU,
        measure=measure,
        weapon_class=weapon_class if head == "weapon" else None,
        weapon_model=model if head == "weapon" else None,
        value=ph.number.value,
        qualifier=_qualifier(low, ph),
        scope=Scope.SINGLE_ATTACK,
        period=None,
        date=None,
        explicit_date=False,
        locations=list(dict.fromkeys(locations)),
        is_reference=False,
        evidence=None,  # type: ignore[arg-type]  (set with the attacker, once per sentence)
        measure_rule=rule,
    )


QUALIFIERS = (
    (
        Qualifier.AT_LEAST,
        re.compile(
            r"(?:щонайменше|принаймні|не\s+менше\s+(?:ніж\s+|як\s+)?|понад|більше\s+(?:ніж\s+|як\s+)?"
            r"|більш\s+(?:ніж|як)|не\s+менее|по\s+меньшей\s+мере|более|больше|свыше|как\s+минимум)\s*$"
        ),
    ),
    (Qualifier.ABOUT, re.compile(r"(?:близько|приблизно|около|примерно|порядка)\s*$")),
    (Qualifier.AT_MOST, re.compile(r"(?:майже|почти|до|не\s+більше|не\s+более|менше\s+ніж|менее)\s*$")),
)
"""'nearly' is at most, as in English ('майже 1300 КАБів', 'почти 70 ракет')"""
TOLL_REACHED = re.compile(
    r"(?:зрос\w*|збільшил\w*|збільшив\w*|сягнул\w*|досягл\w*|возросл\w*|вырос\w*|увеличил\w*|достигл\w*)"
    r"\s+до\s*$"
)
"""'зросла до 23': the toll has reached the figure, exact, not 'up to'"""
TOLL_REACHED_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:зрос\w*|збільшил\w*|возросл\w*|вырос\w*|увеличил\w*)")
"""'До 23 зросла кількість загиблих': the same with the verb after the figure"""


ABOUT_PREPOSITION = re.compile(r"(?<![а-яіїєґё])(?:о|об|про)\s*$")


def _qualifier(low: str, ph: _Phrase) -> Qualifier:
    if ph.number.approximate:
        return Qualifier.ABOUT
    before = low[max(0, ph.number.start - 30) : ph.number.start]
    before = ABOUT_PREPOSITION.sub("", before)  # 'как минимум о 15', 'щонайменше про чотирьох'
    if TOLL_REACHED.search(before) or (
        re.search(r"(?:^|\s)до\s*$", before) and TOLL_REACHED_AFTER.match(low, ph.number.end)
    ):
        return Qualifier.EXACT
    for qualifier, pattern in QUALIFIERS:
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT
