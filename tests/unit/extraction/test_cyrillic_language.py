"""Ukrainian and Russian rules written for the language, not for one page: names in quotes, digits
with case endings, the side named as the launcher, enemy words whose side depends on who writes,
Ukrainian defenders as the subject. Every sentence here is ours."""

from __future__ import annotations

from services.extraction.extractor import read_article
from tests.support.extraction import article as make_article

PUB = "2025-10-12T09:00:00+00:00"


def _drafts(text: str, published: str | None = PUB) -> list[tuple]:
    article = make_article(text, published=published)
    return [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value)
            for d in read_article(article).drafts]


def test_a_weapon_name_in_quotes_is_still_the_noun() -> None:
    assert _drafts('Над Херсонщиною наші воїни збили 7 «шахедів».') == [("RU", "intercepted", "drones", 7)]
    assert _drafts('ППО знешкодила 12 ворожих "Shahed" над Полтавщиною.') == [
        ("RU", "intercepted", "drones", 12)]


def test_a_digit_with_its_case_ending() -> None:
    assert _drafts("Ворог атакував Запоріжжя 3-ма балістичними ракетами.") == [
        ("RU", "launched", "ballistic_missiles", 3)]


def test_one_target_named_by_its_class() -> None:
    assert _drafts("Українська ППО збила одну аеробалістичну ціль над Києвом.") == [
        ("RU", "intercepted", "aeroballistic_missiles", 1)]


def test_a_date_or_a_model_is_no_figure() -> None:
    assert _drafts("date 2025-10-12 Над Херсонщиною ворог застосував ракету Х-59.") == []


def test_the_side_named_as_launcher_is_the_attacker() -> None:
    assert _drafts("Россия ночью нанесла удар 90 дронами по Украине, сообщили украинские военные.") == [
        ("RU", "launched", "drones", 90)]
    assert _drafts("ВСУ атаковали Курскую область 14 дронами, сообщили украинские источники.") == [
        ("UA", "launched", "drones", 14)]


def test_enemy_words_in_russian_decide_no_side() -> None:
    assert _drafts("По три вражеских беспилотника были сбиты над Курской и Орловской областями.") == [
        ("UA", "intercepted", "drones", 3), ("UA", "intercepted", "drones", 3)]


def test_ukrainian_soldiers_who_down_drones_are_the_defence() -> None:
    assert _drafts("Українські воїни збили 9 дронів над Миколаївщиною.") == [("RU", "intercepted", "drones", 9)]


def test_a_distributive_figure_after_a_dash_takes_the_regions_after_it() -> None:
    text = "Военные сбили 9 беспилотников: шесть — над Брянской, по одному — над Курской, Орловской и Тульской."
    article = make_article(text, published=PUB)
    assert [(d.value, d.locations) for d in read_article(article).drafts] == [
        (9, []), (6, ["Bryansk Oblast"]), (1, ["Kursk Oblast"]), (1, ["Oryol Oblast"]), (1, ["Tula Oblast"])]


def test_struck_down_and_aimed_at() -> None:
    assert _drafts("Российские военные поразили 12 БПЛА над Белгородской областью.") == [
        ("UA", "intercepted", "drones", 12)]
    assert _drafts("Напередодні ворог націлив на Україну 52 дрони.") == [("RU", "launched", "drones", 52)]


def test_a_count_the_size_of_a_year_is_still_a_count() -> None:
    assert _drafts("За рік війни ворог застосував 1987 ударних безпілотників.") == [
        ("RU", "launched", "drones", 1987)]


def test_zero_casualties_in_other_word_orders() -> None:
    assert _drafts("Нет пострадавших и разрушений, сообщил губернатор.") == [
        ("RU", "killed", None, 0), ("RU", "injured", None, 0)]
    assert _drafts("Постраждалих, на щастя, немає.") == [("RU", "killed", None, 0), ("RU", "injured", None, 0)]
    assert _drafts("Губернатор уточнил, что никто из жителей не пострадал.") == [("RU", "injured", None, 0)]


def test_one_more_is_the_only_increment_of_a_running_count() -> None:
    text = "На 09:00 підтверджено знищення 40-го шахеда. Ще 12 дронів-імітаторів локаційно втрачено."
    assert _drafts(text) == [("RU", "intercepted", "drones", 40), ("RU", "lost", "drones", 12)]


def test_victims_named_by_what_they_are() -> None:
    assert _drafts("Двое мужчин получили ранения при атаке дрона.") == [("RU", "injured", None, 2)]


def test_households_left_without_power_are_no_figure() -> None:
    text = "Над Сумщиною знищено 5 безпілотників. У Конотопі – 10 тисяч абонентів без світла."
    assert _drafts(text) == [("RU", "intercepted", "drones", 5)]


def test_no_dead_and_no_wounded() -> None:
    assert _drafts("Ракета впала в полі, попередньо обійшлося без загиблих і поранених.") == [
        ("RU", "killed", None, 0), ("RU", "injured", None, 0)]


def test_air_defence_forces_unnamed_take_the_side_of_the_articles_places() -> None:
    text = "Ночью в Днепре звучала тревога. В области силы ПВО сбили пять беспилотников."
    assert _drafts(text) == [("RU", "intercepted", "drones", 5)]
    text = "Ночью в Севастополе звучала тревога. Силы ПВО сбили шесть воздушных целей над морем."
    assert _drafts(text) == [("UA", "intercepted", "total", 6)]


def test_victims_by_age_after_a_dash() -> None:
    assert _drafts("На Чернігівщині внаслідок атаки дрона постраждали — 9-річний хлопчик та 40-річна жінка.") == [
        ("RU", "injured", None, 2)]


def test_a_verbless_sentence_shares_the_verb_before_it() -> None:
    text = "Уночі над Бердичівським районом сили ППО знищили 4 ракети. Над Житомирським – 7 безпілотників."
    assert _drafts(text) == [("RU", "intercepted", "missiles", 4), ("RU", "intercepted", "drones", 7)]
    text = "Запуски здійснювалися з території РФ — Курськ, Брянськ. Близько 40 дронів — «шахеди»."
    assert _drafts(text) == [("RU", "launched", "drones", 40)]


def test_a_part_of_the_launched_figure_by_kind() -> None:
    text = "Россия ночью атаковала Украину 90 дронами. Около 50 беспилотников были ударными, остальные — имитаторы."
    assert _drafts(text) == [("RU", "launched", "drones", 90), ("RU", "launched", "drones", 50)]


def test_the_whole_after_a_named_part() -> None:
    text = "За ніч сили оборони знищили 60 дронів «шахед» з 85, які ворог запустив по Україні."
    assert _drafts(text) == [("RU", "intercepted", "drones", 60), ("RU", "launched", "drones", 85)]


def test_a_part_with_its_own_verb_after_a_negated_one() -> None:
    text = "Россия ночью нанесла удар 70 дронами по Украине, 20 из них не удалось перехватить и они попали в цели."
    assert _drafts(text) == [("RU", "launched", "drones", 70), ("RU", "hit", "drones", 20)]


def test_one_weapon_named_in_the_singular() -> None:
    assert _drafts("З літака Ту22М3 ворог випустив ракету «Х-22» по Одещині.") == [
        ("RU", "launched", "cruise_missiles", 1)]
    assert _drafts("Беспилотник самолетного типа был сбит над Брянской областью.") == [
        ("UA", "intercepted", "drones", 1)]
    assert _drafts("Мэр сообщил, что силы ПВО сбили летевший на Москву беспилотник.") == [
        ("UA", "intercepted", "drones", 1)]
    assert _drafts("Вночі ППО вдалося збити 9 безпілотників і керовану ракету Х-59.") == [
        ("RU", "intercepted", "drones", 9), ("RU", "intercepted", "guided_air_missiles", 1)]


def test_parts_of_a_weapon_figure() -> None:
    text = "Над Курской сбили 12 дронов, в том числе 5, летевших на Москву."
    article = make_article(text, published=PUB)
    assert [(d.value, d.measure.value, d.locations) for d in read_article(article).drafts] == [
        (12, "intercepted", ["Kursk Oblast"]), (5, "intercepted", ["Moscow"])]
    text = "Вночі ППО збила 20 безпілотників. Один з безпілотників був розвідувальним, решта 19 були шахедами."
    assert _drafts(text) == [("RU", "intercepted", "drones", 20), ("RU", "intercepted", "drones", 1),
                             ("RU", "intercepted", "drones", 19)]
    assert _drafts("Ворог запустив 20 дронів: 12 збито, решта 8 локаційно втрачені.") == [
        ("RU", "launched", "drones", 20), ("RU", "intercepted", "drones", 12), ("RU", "lost", "drones", 8)]


def test_one_of_the_targets_is_no_weapon_part() -> None:
    text = "Ворог завдав удару чотирма аеробалістичними ракетами. Однією із цілей було летовище."
    assert _drafts(text) == [("RU", "launched", "aeroballistic_missiles", 4)]


def test_a_casualty_told_twice_is_one_claim() -> None:
    text = ("Внаслідок атаки відомо про одного загиблого. "
            "Внаслідок удару по Запоріжжю одна жінка загинула, повідомив Федоров.")
    article = make_article(text, published=PUB)
    assert [(d.measure.value, d.value, d.locations) for d in read_article(article).drafts] == [
        ("killed", 1, ["Zaporizhzhia"])]


def test_a_headlines_round_figure_is_the_exact_one_rounded() -> None:
    text = "Росія випустила по Україні майже 3000 дронів\nЗагалом ворог запустив щонайменше 2964 «шахеди»."
    assert _drafts(text) == [("RU", "launched", "drones", 2964)]


def test_victims_told_one_by_one_add_up() -> None:
    assert _drafts("Поранення отримала 50-річна жінка і постраждала 9-річна дівчинка.") == [
        ("RU", "injured", None, 2)]
    assert _drafts("При ударе беспилотника ВСУ был ранен глава поселковой администрации.") == [
        ("UA", "injured", None, 1)]


def test_the_unstated_rest_is_no_claim() -> None:
    text = ("ПВО сбили десять украинских БПЛА. По одному беспилотнику было уничтожено в Курской и "
            "Орловской областях, остальные в Белгородской области.")
    article = make_article(text, published=PUB)
    assert [(d.value, d.locations) for d in read_article(article).drafts] == [
        (10, []), (1, ["Kursk Oblast"]), (1, ["Oryol Oblast"])]


def _dated(text: str, published: str | None = PUB) -> list[tuple]:
    article = make_article(text, published=published)
    return [(d.value, d.scope.value, str(d.date) if d.date else None,
             (str(d.period.start) if d.period.start else None) if d.period else None)
            for d in read_article(article).drafts]


def test_the_morning_a_night_or_a_window_ended() -> None:
    assert _dated("В ночь на воскресенье, 12 октября, силы ПВО сбили 40 украинских беспилотников.") == [
        (40, "single_attack", "2025-10-12", None)]
    text = "С 23:00 мск 11 октября до 07:00 мск 12 октября средствами ПВО уничтожены 33 украинских БПЛА."
    assert _dated(text) == [(33, "single_attack", "2025-10-12", None)]


def test_since_the_invasion_in_other_words() -> None:
    assert _dated("Від початку повномасштабного вторгнення ворог застосував понад 9000 ракет.", None) == [
        (9000, "period_total", None, "2022-02-24")]


def test_a_sentence_opening_with_also_shares_the_period_before() -> None:
    text = "За минулий тиждень ворог випустив 1100 дронів. Також загарбники застосували 40 ракет."
    assert [r[:2] for r in _dated(text)] == [(1100, "period_total"), (40, "period_total")]


def test_a_tolls_victims_by_kind_after_a_colon_are_no_claims() -> None:
    assert _drafts("В результате пострадали шесть мирных жителей ВСУ: пять женщин и 17-летний парень.") == [
        ("UA", "injured", None, 6)]


def test_a_villages_own_toll_is_no_part_by_kind() -> None:
    text = "Всего ранения получили 12 жителей. В частности, шесть человек пострадали в селе Ивановка."
    assert [d[3] for d in _drafts(text)] == [12, 6]


def test_list_items_after_a_colon_without_dashes() -> None:
    text = "Сили ППО знищили 9 шахедів: 4 на Миколаївщині, по 2 на Одещині і Херсонщині, 1 на Полтавщині."
    article = make_article(text, published=PUB)
    assert [(d.value, d.locations) for d in read_article(article).drafts] == [
        (9, []), (4, ["Mykolaiv Oblast"]), (2, ["Odesa Oblast"]), (2, ["Kherson Oblast"]), (1, ["Poltava Oblast"])]


def test_number_words_times_tens() -> None:
    assert _drafts("Вночі ворог атакував Україну шістьма десятками ударних дронів.") == [
        ("RU", "launched", "drones", 60)]
    assert _drafts("Россия ночью атаковала Украину 120 дронами и семью ракетами.") == [
        ("RU", "launched", "drones", 120), ("RU", "launched", "missiles", 7)]
    assert _drafts("Ночью Россия атаковала Украину. Погибла семья из Харькова.") == []


def test_more_verbs_and_nouns_of_the_air_war() -> None:
    assert _drafts("Українська ППО нейтралізувала сімнадцять дронів-камікадзе.") == [
        ("RU", "intercepted", "drones", 17)]
    assert _drafts("Ще 18 імітаторів локаційно втрачено.") == [("RU", "lost", "drones", 18)]
    assert _drafts("Медицинская помощь понадобилась шестерым жителям после атаки ВСУ.") == [
        ("UA", "injured", None, 6)]


def test_victims_by_age_with_a_possessive() -> None:
    assert _drafts("После атаки ВСУ ранены 45-летний мужчина и его 12-летний сын.") == [("UA", "injured", None, 2)]


def test_russia_as_the_place_attacked() -> None:
    assert _drafts("Над регионами России за ночь уничтожены сто восемнадцать беспилотников.") == [
        ("UA", "intercepted", "drones", 118)]


def test_a_lead_rounding_the_exact_figure_below_it() -> None:
    text = ("Вночі ворог атакував Україну понад п'ятьма десятками ударних безпілотників. "
            "Загалом противник застосував 54 ударні БпЛА.")
    assert _drafts(text) == [("RU", "launched", "drones", 54)]


def test_one_victim_named_before_the_verb() -> None:
    assert sorted(_drafts("При атаке беспилотника ВСУ на автомобиль погибла женщина, ее муж получил ранения.")) == [
        ("UA", "injured", None, 1), ("UA", "killed", None, 1)]
    assert _drafts("После удара дрона ВСУ мужчина получил смертельные ранения.") == [("UA", "killed", None, 1)]
    assert _drafts("Поранення отримала 41-річна жінка і постраждала 9-річна дівчинка.") == [
        ("RU", "injured", None, 2)]


def test_tracked_air_attack_assets_were_launched() -> None:
    assert _drafts("Усього в повітряному просторі було виявлено 80 засобів повітряного нападу.") == [
        ("RU", "launched", "total", 80)]


def test_a_missile_class_with_its_noun_left_out() -> None:
    text = "Протиповітряною обороною збито 40 цілей: 30 крилатих ракет та 10 балістичних."
    assert _drafts(text) == [("RU", "intercepted", "total", 40), ("RU", "intercepted", "cruise_missiles", 30),
                             ("RU", "intercepted", "ballistic_missiles", 10)]


def test_a_part_of_weapons_named_without_a_figure() -> None:
    assert _drafts("Украинские беспилотники атаковали Новороссийск, 12 из них уничтожены.") == [
        ("UA", "intercepted", "drones", 12)]


def test_bombs_dropped_and_a_victim_near_the_count() -> None:
    assert sorted(_drafts("Окупанти скинули на Херсон 12 авіабомб, загинула жінка.")) == [
        ("RU", "killed", None, 1), ("RU", "launched", "glide_bombs", 12)]


def test_victims_by_age_after_a_noun_and_verb() -> None:
    assert _drafts("Поранень зазнали 13-річний хлопець та 67-річна жінка.") == [("RU", "injured", None, 2)]
    assert _drafts("У Львові через атаку загинули четверо членів однієї родини.") == [("RU", "killed", None, 4)]


def _places(text: str) -> set[str]:
    from services.extraction.extractor import extract
    return {e.name for e in extract(make_article(text, published=PUB)).entities if e.type.value == "place"}


def test_oblasts_named_by_a_list_of_their_adjectives() -> None:
    assert _places("Повітряна тривога тривала в Одеській області, а також охопила Вінницьку, Житомирську "
                   "та Київську області.") >= {"Vinnytsia Oblast", "Zhytomyr Oblast", "Kyiv Oblast"}
    assert _places("Збиті цілі впали в межах Полтавської, Сумської та Черкаської областей.") == {
        "Poltava Oblast", "Sumy Oblast", "Cherkasy Oblast"}
    assert _places("Пошкодження є в таких областях, як Харківська, Херсонська, Львівська.") == {
        "Kharkiv Oblast", "Kherson Oblast", "Lviv Oblast"}
    assert _places("Ночью беспилотники сбиты над Брянской, Курской и Орловской областями.") == {
        "Bryansk Oblast", "Kursk Oblast", "Oryol Oblast"}


def test_drones_that_vanished_from_radar_were_lost() -> None:
    assert _drafts("Ще 8 ворожих безпілотників зникли з радарів.") == [("RU", "lost", "drones", 8)]


def test_an_ellipsis_with_one_more() -> None:
    assert _drafts("Над Харківщиною збито 9 дронів, над Сумщиною — 6, над Полтавщиною — ще 3.") == [
        ("RU", "intercepted", "drones", 9), ("RU", "intercepted", "drones", 6), ("RU", "intercepted", "drones", 3)]


def test_a_bare_figure_shares_the_noun_after_it() -> None:
    assert _drafts("Ворог запустив два або три дрони по Сумах.") == [
        ("RU", "launched", "drones", 2), ("RU", "launched", "drones", 3)]


def test_seas_named_by_a_list_of_their_adjectives() -> None:
    assert _places("Три дрона сбиты над акваториями Азовского и Черного морей.") == {"Sea of Azov", "Black Sea"}


def _organisations(text: str) -> set[str]:
    from services.extraction.extractor import extract
    return {e.name for e in extract(make_article(text, published=PUB)).entities if e.type.value == "organisation"}


def test_a_military_administration_without_regional() -> None:
    assert "Poltava Regional Military Administration" in _organisations(
        "Про це повідомив голова Полтавської військової адміністрації.")
    assert "Kursk Regional Military Administration" not in _organisations("Глава Брянской области сообщил.")


def test_russias_defence_ministry_retold_in_ukrainian() -> None:
    assert _drafts("Російське Міноборони повідомило про знищення 42 безпілотників над регіонами росії.") == [
        ("UA", "intercepted", "drones", 42)]
    assert _drafts("Росіяни заявляють, що їхня ППО збила 18 дронів над Курською областю.") == [
        ("UA", "intercepted", "drones", 18)]


def test_periods_of_a_year_a_month_and_a_range_of_days() -> None:
    assert _dated("З початку року ворог випустив понад 40 тисяч дронів.") == [
        (40000, "period_total", None, "2025-01-01")]
    assert _dated("З 1 по 7 жовтня ворог застосував 1100 дронів.") == [(1100, "period_total", None, "2025-10-01")]
    assert _dated("У 2024 році росія випустила по Україні 11 тисяч ракет.") == [
        (11000, "period_total", None, "2024-01-01")]
