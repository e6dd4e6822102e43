"""The calendar words every service reads: month and weekday names in English, Ukrainian and
Russian, and the time zone attack nights are counted in.

Declared once here (the domain vocabulary lives in `schemas/`), so dedup's night key and the
extraction's dates cannot disagree on what "грудня" or "субботу" means. Forms are the ones news
text uses: English names and their abbreviations; Ukrainian and Russian nominative, genitive
("6 грудня", "6 декабря") and accusative ("у суботу", "в ночь на субботу") forms. Keys are
lower-case with the apostrophe as U+0027.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")
"""Attack nights and the Air Force's reports are dated in Kyiv time."""


def _forms(*groups: str) -> dict[str, int]:
    """{word: 1-based index} from one space-separated group of forms per month/weekday."""
    return {form: i for i, group in enumerate(groups, 1) for form in group.split()}


MONTHS: dict[str, int] = {
    **_forms("january jan", "february feb", "march mar", "april apr", "may", "june jun",
             "july jul", "august aug", "september sep sept", "october oct", "november nov",
             "december dec"),
    # Ukrainian: nominative, genitive
    **_forms("січень січня", "лютий лютого", "березень березня", "квітень квітня",
             "травень травня", "червень червня", "липень липня", "серпень серпня",
             "вересень вересня", "жовтень жовтня", "листопад листопада", "грудень грудня"),
    # Russian: nominative, genitive
    **_forms("январь января", "февраль февраля", "март марта", "апрель апреля", "май мая",
             "июнь июня", "июль июля", "август августа", "сентябрь сентября",
             "октябрь октября", "ноябрь ноября", "декабрь декабря"),
}
"""month word -> month number (1-12); abbreviations and words like "may" are months only next to
a day number, which is how readers of this table use it"""

WEEKDAYS: dict[str, int] = {
    **_forms("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    # Ukrainian: nominative, accusative/genitive ("у суботу", "в ніч на суботу", "з неділі")
    **_forms("понеділок понеділка", "вівторок вівторка", "середа середу середи",
             "четвер четверга", "п'ятниця п'ятницю п'ятниці", "субота суботу суботи",
             "неділя неділю неділі"),
    # Russian: "среда"/"среды" also mean "environment", so only the form after a preposition
    **_forms("понедельник понедельника", "вторник вторника", "среду", "четверг четверга",
             "пятница пятницу пятницы", "суббота субботу субботы", "воскресенье воскресенья"),
}
"""weekday word -> ISO weekday (1 = Monday ... 7 = Sunday)"""

ENGLISH_MONTHS: tuple[str, ...] = tuple(
    next(word for word, number in MONTHS.items() if number == month and word.isascii())
    for month in range(1, 13)
)
"""'january' ... 'december' (each month's first English form above)"""

ENGLISH_MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(
    word for word in MONTHS if word.isascii() and word not in ENGLISH_MONTHS
)
"""'jan', 'feb', ... 'sep', 'sept', ... 'dec' (the other English forms; 'may' is a full name)"""
