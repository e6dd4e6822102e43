"""Forms met in real outlets' text, each in a sentence of our own (see the real-text README)."""

from __future__ import annotations

from tests.support.extraction import brief, claims


def test_one_weapon_shot_down_is_a_count() -> None:
    text = "Air defences shot down a drone over the Moscow region overnight, the mayor said."
    assert brief(text) == [("UA", "intercepted", "drones", 1)]
    assert brief("Another drone flying towards the capital was destroyed, the mayor added.")[0][1:] == (
        "intercepted", "drones", 1)


def test_one_weapon_that_hit_is_counted() -> None:
    """README (realtext), settled readings 2026-12-07: one weapon named with 'a' that hit is hit 1,
    debris of a downed one is intercepted 1; a weapon that only did damage is no count."""
    assert brief("A missile hit a school in Sumy overnight, the governor said.") == [("RU", "hit", "missiles", 1)]
    assert brief("Debris from a downed drone started a fire at the depot, the governor said.") == [
        ("RU", "intercepted", "drones", 1)]
    assert brief("In Sumy, a missile brought down part of a five-storey block.") == []


def test_a_when_clause_after_a_past_time_tells_an_earlier_attack() -> None:
    text = ("Russia launched 300 drones overnight, the largest attack since March, when 250 drones were "
            "launched in one night.")
    got = [(c.value, c.is_reference) for c in claims(text)]
    assert got == [(300, False), (250, True)]


def test_a_retold_earlier_report_with_its_date_is_a_reference() -> None:
    text = "As our agency reported earlier, on September 2 Russia fired 40 missiles at Ukraine."
    assert [(c.value, c.is_reference) for c in claims(text)] == [(40, True)]
    recap = "As our agency reported earlier, air defences destroyed 20 drones overnight."
    assert [(c.value, c.is_reference) for c in claims(recap)] == [(20, False)]


def test_the_largest_at_the_time_is_a_reference() -> None:
    text = "On Friday Russia fired 500 drones, the largest at the time, officials said."
    assert [(c.value, c.is_reference) for c in claims(text)] == [(500, True)]


def test_intercepted_or_jammed_is_the_intercept_count() -> None:
    assert brief("Air defences intercepted or jammed 40 drones and 5 missiles.") == [
        ("RU", "intercepted", "drones", 40), ("RU", "intercepted", "missiles", 5)]


def test_a_mixed_total_reads_past_both_heads_to_its_verb() -> None:
    assert brief("According to the air force, 120 missiles and combat drones were used overnight.") == [
        ("RU", "launched", "total", 120)]


def test_a_part_of_a_whole_then_another_kind_share_the_verb() -> None:
    assert brief("Thirty of 35 missiles and two attack drones were shot down, officials said.") == [
        ("RU", "intercepted", "missiles", 30), ("RU", "launched", "missiles", 35),
        ("RU", "intercepted", "drones", 2)]


def test_a_figure_of_another_attack_after_the_own_toll() -> None:
    text = "Five people were killed in the strike on Rivne, a day after 30 died in another air attack."
    assert [(c.value, c.is_reference) for c in claims(text)] == [(5, False), (30, True)]


def test_who_is_among_the_injured_adds_nobody() -> None:
    text = "Twelve people were injured in Kharkiv. Among the injured in the Saltivka district are two boys."
    assert [(c.measure.value, c.value) for c in claims(text)] == [("injured", 12)]


def test_an_earlier_toll_the_sentence_corrects_is_stale() -> None:
    text = ("Eight people were injured in Dnipro, the governor said. Earlier, five people were reported "
            "injured, but the number rose after rescuers searched the site.")
    assert [(c.measure.value, c.value) for c in claims(text)] == [("injured", 8)]


def test_damaged_sites_are_no_casualties() -> None:
    text = "At least 30 people were injured and more than 50 civilian sites damaged across the country."
    assert [(c.measure.value, c.value) for c in claims(text)] == [("injured", 30)]


def test_modifiers_of_real_reports() -> None:
    assert brief("Russia launched more than 300 bomber drones and 20 missiles overnight.") == [
        ("RU", "launched", "drones", 300), ("RU", "launched", "missiles", 20)]
    assert brief("Russia fired 18 sea- and air-based missiles at Ukraine overnight.") == [
        ("RU", "launched", "missiles", 18)]
    assert brief("Russia attacked the Sumy region with three surface-to-air guided missiles.") == [
        ("RU", "launched", "guided_air_missiles", 3)]


def test_words_of_real_reports() -> None:
    assert brief("The air force said 14 drones were unaccounted for after the attack.") == [
        ("RU", "lost", "drones", 14)]
    assert brief("During May Russia launched over 900 one-way attack uncrewed aerial vehicles.")[0][1:] == (
        "launched", "drones", 900)
    assert [c.value for c in claims("Russia launched 200 One Way Attack drones overnight.")] == [200]


def test_the_attack_an_article_compares_with() -> None:
    text = ("The drone attack comes exactly a week after a missile barrage on Kyiv claimed at least "
            "15 lives.")
    assert [(c.value, c.is_reference) for c in claims(text)] == [(15, True)]


def test_the_biggest_of_the_year_on_its_date_is_a_reference() -> None:
    text = "This year, the biggest was 70 missiles on March 2, air force records show."
    got = [(c.measure.value, c.value, c.scope.value, str(c.date), c.is_reference) for c in claims(text)]
    assert got == [("launched", 70, "single_attack", "2025-03-02", True)]


def test_an_undated_page_is_read_in_its_own_year() -> None:
    text = ("Russia has launched 5,000 drones since the start of 2024, the president said on Oct. 20. "
            "On Aug. 26, Russia launched 120 missiles at Ukraine. "
            "On October 19, 2024, Russia launched 60 drones.")
    got = [(c.value, str(c.date) if c.date else None, c.is_reference)
           for c in claims(text, published=None) if c.scope.value == "single_attack"]
    # ('Aug. 26' is read in the year a full date of the page states, as the annotators read it)
    assert got == [(120, "2024-08-26", True), (60, "2024-10-19", False)]


def test_an_undated_page_without_a_full_date_leaves_the_year_open() -> None:
    text = ("Russia has launched 5,000 drones since the start of 2024, the president said on Oct. 20. "
            "On Aug. 26, Russia launched 120 missiles at Ukraine.")
    got = [(c.value, c.date, c.is_reference) for c in claims(text, published=None)
           if c.scope.value == "single_attack"]
    assert got == [(120, None, True)]


def test_a_clause_between_the_weapons_and_their_verb() -> None:
    assert brief("All 12 cruise missiles targeting the capital were shot down, the city said.") == [
        ("RU", "intercepted", "cruise_missiles", 12)]
    text = "Another drone that tried to attack Moscow was shot down over the Moscow region, the mayor said."
    assert brief(text) == [("UA", "intercepted", "drones", 1)]


def test_the_commander_spoke_of_the_launched_figures() -> None:
    assert brief("The commander spoke of 70 missiles as well as 30 drones.") == [
        ("RU", "launched", "missiles", 70), ("RU", "launched", "drones", 30)]


def test_an_item_after_a_whole_joins_its_part() -> None:
    text = "The air force intercepted eight out of 12 drones launched by Russia, as well as one cruise missile."
    assert brief(text) == [("RU", "intercepted", "drones", 8), ("RU", "launched", "drones", 12),
                           ("RU", "intercepted", "cruise_missiles", 1)]


def test_a_headline_that_rounds_the_body_is_no_second_claim() -> None:
    text = "Russia fires more than 400 drones at Ukraine\nRussia launched 426 drones overnight, the air force said."
    assert [(c.value, c.qualifier.value) for c in claims(text)] == [(426, "exact")]
    other = "Russia fires more than 400 drones at Ukraine\nRussia launched 620 drones overnight, the air force said."
    assert [c.value for c in claims(other)] == [400, 620]  # (far apart: two figures, as stated)


def test_a_year_before_the_war_is_no_period() -> None:
    text = "The boy killed in the strike was born in 2015, and 12 people were injured, officials said."
    assert [(c.value, c.scope.value, c.period) for c in claims(text)] == [(12, "single_attack", None)]


def test_a_per_region_intercept_list_with_each() -> None:
    text = ("Air defences downed over four drones, the governor said. The ministry said 12 drones were "
            "destroyed over Rostov Oblast, four over Belgorod Oblast, two each over Bryansk and Kaluga "
            "oblasts and one over Tula Oblast.")
    got = [(c.value, c.locations) for c in claims(text)]
    assert got == [(4, []), (12, ["Rostov Oblast"]), (4, ["Belgorod Oblast"]), (2, ["Bryansk Oblast"]),
                   (2, ["Kaluga Oblast"]), (1, ["Tula Oblast"])]


def test_real_report_words_and_dashes() -> None:
    assert brief("The air force said defenders downed 80 targets -- 50 missiles and 30 drones.") == [
        ("RU", "intercepted", "total", 80), ("RU", "intercepted", "missiles", 50),
        ("RU", "intercepted", "drones", 30)]
    assert brief("The air force said 250 incoming drones were either intercepted or electronically jammed.") == [
        ("RU", "intercepted", "drones", 250)]
    assert brief("Russia launched 300 explosive drones at Ukraine overnight.") == [("RU", "launched", "drones", 300)]


def test_an_undated_page_dates_its_news_by_the_full_date_it_states() -> None:
    text = ("Russia launched 90 drones at Kharkiv, the air force said. "
            "The governor wrote about it in a post on September 7, 2025, at 9 a.m.")
    assert [str(c.date) for c in claims(text, published=None)] == ["2025-09-07"]


def test_a_line_that_is_only_a_date_dates_nothing_on_an_undated_page() -> None:
    text = "Thursday, 05 February 2026\nRussia launched 90 drones at Kharkiv, the air force said."
    assert [c.date for c in claims(text, published=None)] == [None]


def test_a_story_run_the_day_after_the_officials_spoke_dates_by_their_day() -> None:
    text = ("Russian drones killed four people in Kharkiv overnight, officials said yesterday. "
            "Russia launched 90 drones overnight, the air force said.")
    got = [(c.value, str(c.date)) for c in claims(text, published="2025-06-24T08:00:00+03:00")]
    assert got == [(4, "2025-06-23"), (90, "2025-06-23")]


def test_one_figure_over_each_of_several_regions() -> None:
    text = "One drone was intercepted over each of the Kursk, Tula and Oryol regions, the ministry said."
    got = [(c.measure.value, c.value, c.locations) for c in claims(text)]
    assert got == [("intercepted", 1, ["Kursk Oblast"]), ("intercepted", 1, ["Tula Oblast"]),
                   ("intercepted", 1, ["Oryol Oblast"])]
    assert brief("Air defences destroyed eleven naval drones and 12 airborne targets overnight.") == [
        ("RU", "intercepted", "drones", 11), ("RU", "intercepted", "total", 12)]


def test_those_hospitalized_are_the_injured_only_when_no_toll_counts_them() -> None:
    text = ("A drone hit a depot in Sumy, the mayor said, adding there were no casualties. "
            "Later he said two people had sought medical assistance.")
    assert [(c.measure.value, c.value) for c in claims(text)] == [("hit", 1), ("killed", 0), ("injured", 2)]
    text = "Twelve people were injured in the strike on Sumy. Two people were hospitalized."
    assert [(c.measure.value, c.value) for c in claims(text)] == [("injured", 12)]


def test_an_undated_earlier_strike_is_a_reference() -> None:
    text = ("Russia launched 60 drones at Kharkiv overnight, the air force said. "
            "Earlier, a Russian strike on Sumy killed one person.")
    assert [(c.value, c.is_reference) for c in claims(text)] == [(60, False), (1, True)]


def test_a_figure_over_crimea_is_ukraines() -> None:
    assert brief("Air defences intercepted four air targets over Sevastopol overnight.") == [
        ("UA", "intercepted", "total", 4)]


def test_an_earlier_report_of_the_same_attack_is_no_reference() -> None:
    text = "Earlier, the mayor said 75 people were injured in the strike on Dnipro."
    assert [(c.value, c.is_reference) for c in claims(text)] == [(75, False)]


def test_a_forecast_with_a_qualifier_is_no_figure() -> None:
    assert claims("Analysts say Russia could have ordered as many as 2,400 Shahed drones from Iran.") == []
    assert claims("By autumn Russia will be regularly launching more than 1,000 drones a night.") == []


def test_weapons_striking_or_slamming_into_targets_hit_them() -> None:
    assert brief("The attack began at dawn, with four Russian drones striking two districts of Kharkiv.")[0][1:] == (
        "hit", "drones", 4)


def test_the_dateline_city_is_no_place_of_the_figures() -> None:
    text = "KYIV, Ukraine (AP) \u2014 A Russian strike killed six people in Kharkiv on Wednesday, the governor said."
    assert [c.locations for c in claims(text)] == [["Kharkiv"]]


def test_a_headline_and_the_body_that_places_its_figure_are_one_claim() -> None:
    text = ("Two killed in Russian attack on Ukraine\n"
            "Russian drones attacked Odesa early on Thursday, killing at least two people.")
    got = [(c.value, c.qualifier.value, c.locations) for c in claims(text)]
    assert got == [(2, "at_least", ["Odesa"])]
