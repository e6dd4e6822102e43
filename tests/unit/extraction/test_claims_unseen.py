"""Phrasings met in real articles the rules had not seen (seeds and the held-out set): one test
per fixed case, each written in new words."""

from __future__ import annotations

from tests.support.extraction import brief, claims


def test_slash_between_drones_and_missiles_is_one_total() -> None:
    text = ("Russia launched its biggest attack on Kyiv with 480 drones/missiles, injuring 12. "
            "The city woke to smoke after Russia sent 480 drones and missiles overnight.")
    assert brief(text) == [("RU", "launched", "total", 480), ("RU", "injured", None, 12)]


def test_earlier_this_month_single_attack_is_a_reference_not_a_period() -> None:
    text = ("Earlier this month, the Air Force said Russia had launched 702 Shahed-type drones during a "
            "single attack, the largest launch of such drones since the start of the full-scale invasion.")
    (c,) = claims(text)
    assert (c.measure.value, c.value, c.scope.value, c.period, c.is_reference) == (
        "launched", 702, "single_attack", None, True)


def test_superlative_before_since_ranks_the_attack_it_does_not_sum() -> None:
    text = ("More than 90 people were injured, the highest number hurt in one strike on the city since "
            "the start of the full-scale invasion, officials said.")
    (c,) = claims(text)
    assert (c.measure.value, c.value, c.scope.value) == ("injured", 90, "single_attack")


def test_since_after_a_plain_figure_is_still_a_period() -> None:
    (c,) = claims("Russia has launched more than 2,000 drones since the start of the month, Zelenskyy said.")
    assert c.scope.value == "period_total"


def test_headless_number_with_its_own_noun_is_no_casualty() -> None:
    text = "The strike knocked out a substation, leaving some 150,000 households in the region without power."
    assert brief(text) == []


def test_among_the_injured_were_is_a_sub_count() -> None:
    text = "Eleven people were injured in Sumy. Among the injured were three children from one school."
    assert brief(text) == [("RU", "injured", None, 11)]


def test_age_in_apposition_is_not_a_count() -> None:
    text = "In Kherson, a man, 64, was killed by shelling and a woman, 58, died of her wounds in hospital."
    assert [c.value for c in claims(text)] == [1, 1]


def test_list_of_ages_is_not_a_count() -> None:
    assert brief("Two men aged 41 and 63 were wounded in Nikopol.") == [("RU", "injured", None, 2)]


def test_a_family_of_n() -> None:
    text = "A family of five, including two teenagers, was killed when a drone hit their house near Lutsk."
    assert brief(text) == [("RU", "killed", None, 5), ("RU", "hit", "drones", 1)]


def test_victims_breakdown_between_figure_and_verb() -> None:
    text = "At least nine people, including a seven-year-old girl, have been killed in Odesa, officials say."
    assert brief(text) == [("RU", "killed", None, 9)]


def test_editors_note_gives_no_claims() -> None:
    text = ("(Corrects death toll in paragraph 1 to five from six)\n\n"
            "A Russian strike on Sumy on Friday killed five people, the governor said.")
    assert brief(text, published="2025-08-15T12:00:00+03:00") == [("RU", "killed", None, 5)]


def test_the_two_missiles_refers_back_to_their_model() -> None:
    text = ("Russia fired 60 drones and two Iskander-M ballistic missiles overnight. Air defences downed "
            "48 of the drones, while the two missiles struck a gas facility.")
    got = [(c.measure.value, c.weapon_class.value, c.weapon_model, c.value) for c in claims(text)]
    assert ("hit", "ballistic_missiles", "Iskander-M", 2) in got


def test_a_later_toll_replaces_the_earlier_one_but_not_other_places() -> None:
    text = ("At least 10 people were killed in Kyiv, officials said. In Bila Tserkva, one man was killed. "
            "Later the mayor said the death toll in Kyiv had risen to 14.")
    assert [(c.value, c.locations) for c in claims(text)] == [(1, ["Bila Tserkva"]), (14, ["Kyiv"])]


def test_regional_toll_update_keeps_the_city_figure() -> None:
    text = ("The number of dead in Dnipro reached 12, the governor said. Two more people were killed in "
            "Pavlohrad, bringing the regional toll to 14.")
    assert [c.value for c in claims(text)] == [12, 2, 14]


def test_reference_time_phrase_after_the_figure() -> None:
    text = "Kharkiv was attacked by 48 drones a week earlier, the mayor said."
    (c,) = claims(text)
    assert c.is_reference
    (news,) = claims("Russia launched 760 drones overnight, beating the previous record set in July.")
    assert not news.is_reference


def test_decoy_drones_make_the_model_mixed() -> None:
    text = "Russia launched 120 Shahed strike UAVs and decoy drones of various types overnight."
    (c,) = claims(text)
    assert (c.weapon_class.value, c.weapon_model, c.value) == ("drones", None, 120)


def test_bodies_recovered_are_deaths() -> None:
    assert brief("Rescuers recovered two bodies from the rubble in Chuhuiv.") == [("RU", "killed", None, 2)]


def test_one_employee() -> None:
    assert [c.value for c in claims("One employee was injured at the plant in Kremenchuk.")] == [1]


def test_russia_reporting_its_own_intercepts_is_ukraine_attacking() -> None:
    assert brief("Russia said it had shot down 30 drones over its territory overnight.") == [
        ("UA", "intercepted", "drones", 30)]
    assert brief("Russia said it had launched 30 drones at Kyiv overnight.") == [("RU", "launched", "drones", 30)]


def test_small_russian_town_makes_the_strike_ukrainian() -> None:
    assert brief("Debris from a downed drone injured three people in Tikhoretsk, officials said.") == [
        ("UA", "intercepted", "drones", 1), ("UA", "injured", None, 3)]


KYIV_TUESDAY = "2025-10-14T09:00:00+03:00"


def test_period_framing_sentence_covers_the_next_one() -> None:
    text = ("Over the past day, Russian troops shelled 30 settlements in the Kherson region. "
            "Two people were killed and nine were injured, the governor wrote.")
    got = claims(text, published=KYIV_TUESDAY)
    assert [(c.value, c.scope.value, str(c.period.start) if c.period else None) for c in got] == [
        (2, "period_total", "2025-10-13"), (9, "period_total", "2025-10-13")]


def test_the_day_of_saying_does_not_date_a_period_figure() -> None:
    text = ("Russian strikes on the region killed three people and injured 17 over the past day, "
            "the governor said on Tuesday morning.")
    assert {c.scope.value for c in claims(text, published=KYIV_TUESDAY)} == {"period_total"}


def test_toll_update_keeps_the_period_of_the_toll_it_replaces() -> None:
    text = ("Over the past day, Russian attacks killed three people in the Kharkiv region, the governor said. "
            "Rescuers later recovered one more body in Chuhuiv, bringing the death toll in the region to four.")
    got = [(c.value, c.scope.value, c.locations) for c in claims(text, published=KYIV_TUESDAY)]
    assert got == [(1, "single_attack", ["Chuhuiv"]), (4, "period_total", [])]


def test_during_the_night_is_the_morning_of_publication() -> None:
    text = "On Monday evening a drone hit Pavlohrad. During the night, air defence shot down 19 UAVs over the region."
    c = next(c for c in claims(text, published="2025-11-18T08:40:00+02:00") if c.value == 19)
    assert str(c.date) == "2025-11-18"


def test_undated_lead_takes_the_date_of_the_attack_reported_below() -> None:
    text = ("At least 20 people were injured in a Russian attack on Kyiv, officials said. "
            "Russia launched 300 drones overnight, the air force said.")
    assert {str(c.date) for c in claims(text, published=KYIV_TUESDAY)} == {"2025-10-14"}


def test_superlative_before_this_year_is_a_rank() -> None:
    text = ("The barrage of Sept. 7, when Russia launched 810 drones, was the largest on the west of the "
            "country this year.")
    (c,) = claims(text, published="2025-10-05T12:00:00+03:00")
    assert (c.scope.value, str(c.date), c.is_reference) == ("single_attack", "2025-09-07", True)


def test_a_cited_record_does_not_date_the_next_figures() -> None:
    text = ("Russia launched 500 drones overnight. The attack was smaller than the record raid on September 7, "
            "when Russia launched 810 drones. Zelenskyy said Russia had also used 16 Kalibr missiles.")
    got = {c.value: str(c.date) for c in claims(text, published="2025-09-28T12:00:00+03:00")}
    assert got[16] == "2025-09-28"


def test_in_a_past_month_alone_is_a_reference() -> None:
    text = "In December alone, Russia fired 4,400 drones at Ukraine, the data show."
    (c,) = claims(text, published="2026-01-03T11:00:00+02:00")
    assert (c.scope.value, c.is_reference) == ("period_total", True)


def test_rockets_are_missiles() -> None:
    text = "Air defences shot down eight guided aerial bombs and 14 HIMARS rockets over the past week."
    assert [(c.weapon_class.value, c.value) for c in claims(text)] == [("glide_bombs", 8), ("missiles", 14)]


def test_a_victim_and_a_relative_are_two() -> None:
    assert brief("A drone attack on the village injured a woman and her teenage son near Shebekino.") == [
        ("UA", "injured", None, 2)]


def test_one_killed_and_two_more_injured_are_both_counts() -> None:
    text = "In Chornomorsk, one person was killed and two more were injured."
    assert [(c.measure.value, c.value) for c in claims(text)] == [("killed", 1), ("injured", 2)]


def test_both_missiles_refer_back_past_an_intercept_line() -> None:
    text = ("Russia used 2 Iskander-M ballistic missiles and 84 drones. 61 UAVs were shot down. "
            "Both missiles reached their targets.")
    assert [(c.measure.value, c.weapon_model, c.value) for c in claims(text)][-1] == ("hit", "Iskander-M", 2)


def test_single_victims_of_a_counted_toll_are_no_new_claims() -> None:
    text = ("The attack killed two people in Kyiv, officials said. In Kyiv, a man was killed in one district "
            "and a woman died in another.")
    assert [c.value for c in claims(text)] == [2]


def test_no_one_hurt_is_an_explicit_zero() -> None:
    assert brief("A drone hit a transformer at the plant. No one was hurt, the press service said.") == [
        ("RU", "hit", "drones", 1), ("RU", "injured", None, 0)]


def test_no_casualties_is_zero_killed_and_injured() -> None:
    text = "Drones struck the port overnight. There was no damage or casualties, the governor said."
    assert sorted(brief(text)) == [("RU", "injured", None, 0), ("RU", "killed", None, 0)]


def test_a_pending_report_and_weapon_zeros_are_no_figures() -> None:
    assert brief("Drones struck the port overnight. There were no immediate reports of casualties.") == []
    assert brief("Russia fired two missiles at the port overnight; none was shot down.") == [
        ("RU", "launched", "missiles", 2)]


def test_part_of_the_victims_is_a_sub_count() -> None:
    text = ("The attack killed 28 people in Kyiv. Twenty-three of the victims died when a missile struck "
            "a single building.")
    assert [(c.measure.value, c.value) for c in claims(text)] == [("killed", 28), ("hit", 1)]


def test_listed_victims_with_an_age_are_one_count() -> None:
    assert brief("In Orikhiv, a man, 45, and two women were injured.") == [("RU", "injured", None, 3)]
    assert brief("Two children and three adults were wounded in Kherson.") == [("RU", "injured", None, 5)]


def test_in_the_previous_seven_days_is_a_period() -> None:
    text = "Russia's defence ministry claimed to have shot down 203 Ukrainian drones in the previous seven days."
    (c,) = claims(text, published=KYIV_TUESDAY)
    assert (c.attacker.value, c.scope.value, str(c.period.start)) == ("UA", "period_total", "2025-10-07")


def test_frame_of_a_daily_count_covers_a_few_sentences() -> None:
    text = ("Over the past day, Russian troops carried out 512 attacks on 14 settlements of the region. "
            "Drones of various types attacked Orikhiv, while 318 drones hit frontline villages. "
            "One person was killed and three were wounded. In the morning, a drone injured two people in Kherson.")
    got = [(c.value, c.scope.value) for c in claims(text, published=KYIV_TUESDAY)]
    assert got == [(318, "period_total"), (1, "period_total"), (3, "period_total"), (2, "single_attack")]


def test_one_placeless_victim_does_not_absorb_another_elsewhere() -> None:
    text = ("Debris started a fire at the refinery. One employee was injured, the governor said. "
            "Another drone wounded a woman in Graivoron, officials added.")
    assert [c.value for c in claims(text)] == [1, 1]


def test_a_word_of_its_own_before_the_victims() -> None:
    assert brief("Russian drones hit the port of Izmail, killing two dock workers.") == [("RU", "killed", None, 2)]


def test_aircraft_type_drones_and_the_lead_decides_the_attacker() -> None:
    text = ("Air defence forces repelled a massive attack by Ukrainian drones on the Bryansk region overnight, "
            "the governor said. According to him, 31 aircraft-type drones were destroyed over the region.")
    assert brief(text) == [("UA", "intercepted", "drones", 31)]


def test_people_left_without_heating_are_no_casualties() -> None:
    text = ("After Friday's attack on Kharkiv, in which 7 people were injured, about 150,000 residents "
            "were left without heating.")
    assert brief(text) == [("RU", "injured", None, 7)]


def test_part_of_a_regional_intercept_count_by_which() -> None:
    text = ("The ministry said 89 Ukrainian drones had been destroyed overnight, including 12 over the Moscow "
            "region, nine of which were flying towards Moscow.")
    assert [c.value for c in claims(text)] == [89, 12, 9]
    text = "Russia launched 810 drones and 13 missiles, one of which set fire to the government building."
    assert [c.value for c in claims(text)] == [810, 13]


def test_earlier_on_a_date_is_a_reference() -> None:
    text = ("Russia attacked Ukraine overnight with 519 drones and 40 missiles. "
            "Earlier, on December 23, the enemy launched 635 drones and 38 missiles at Ukraine.")
    got = {c.value: c.is_reference for c in claims(text, published="2025-12-27T10:40:00+02:00")}
    assert got == {519: False, 40: False, 635: True, 38: True}


def test_air_force_of_the_armed_forces_is_one_entity() -> None:
    from tests.support.extraction import run
    names = {e.name for e in run("The Air Force of the Armed Forces of Ukraine reports on Telegram.").entities}
    assert names == {"Ukrainian Air Force"}


def test_a_figure_referring_back_to_mixed_items_takes_the_only_one_that_holds_it() -> None:
    text = "Russia launched 62 drones and one missile overnight, and 33 of them were shot down."
    assert brief(text)[2:] == [("RU", "intercepted", "drones", 33)]


def test_numbers_stored_or_all_but_are_no_attack() -> None:
    assert brief("Ukraine struck a depot storing 400 Shahed drones near the border.") == []
    assert brief("Air defences shot down all but 10 of the drones launched that day.") == []


def test_a_related_story_link_gives_no_figures() -> None:
    assert brief("Read also: Four wounded in Russian attacks on Kherson region") == []


def test_headline_and_body_are_one_claim_with_the_body_model() -> None:
    text = ("805 drones fired at Ukraine overnight\n\nOn Sunday Russia launched 805 Shahed drones at "
            "Ukraine, the air force said.")
    assert brief(text, published="2025-09-08T08:00:00+00:00") == [("RU", "launched", "drones", 805)]


def test_shelling_casualties_are_not_an_air_attacks_toll() -> None:
    text = ("Russia launched 40 drones at Kharkiv overnight, injuring five people. Elsewhere, artillery "
            "shelling killed two people in Kupiansk.")
    assert brief(text) == [("RU", "launched", "drones", 40), ("RU", "injured", None, 5)]
    # an article about the shelling itself keeps its toll
    assert brief("Russian shelling killed two people in Kupiansk.") == [("RU", "killed", None, 2)]


def test_one_figure_for_missiles_and_drones_is_a_total() -> None:
    assert brief("Russia used more than 500 missiles and kamikaze drones against Ukraine.") == [
        ("RU", "launched", "total", 500)]


def test_the_cue_just_before_a_figure_decides_a_mixed_sentence() -> None:
    text = ("A Ukrainian drone strike left one person injured in Belgorod on Saturday, a day after a Russian "
            "barrage across Ukraine that killed at least 31 civilians.")
    assert brief(text) == [("UA", "injured", None, 1), ("RU", "killed", None, 31)]


def test_russia_shooting_down_means_ukraine_attacked() -> None:
    assert brief("Russia on Wednesday shot down one missile over Sevastopol, the governor said.") == [
        ("UA", "intercepted", "missiles", 1)]


def test_casualty_nouns_count_like_adjectives() -> None:
    text = "The strikes on the city resulted in at least two fatalities and 18 injuries, rescuers said."
    assert brief(text) == [("RU", "killed", None, 2), ("RU", "injured", None, 18)]
    assert brief("Strikes in Kyiv kill at least eight people, injure at least 24") == [
        ("RU", "killed", None, 8), ("RU", "injured", None, 24)]


def test_second_part_of_a_whole_takes_the_first_parts_verb() -> None:
    text = "Air defences shot down seven out of 13 missiles and 22 out of 29 drones overnight."
    assert sorted(brief(text)) == sorted([("RU", "intercepted", "missiles", 7), ("RU", "launched", "missiles", 13),
                                          ("RU", "intercepted", "drones", 22), ("RU", "launched", "drones", 29)])


def test_a_place_between_figure_and_verb() -> None:
    assert brief("Seven drones in the sky over the region were destroyed by air defence.") == [
        ("RU", "intercepted", "drones", 7)]


def test_coordinated_classes_and_quoted_heads() -> None:
    assert brief("In April Russia launched 127 cruise, ballistic, and guided aircraft missiles at Ukraine.") == [
        ("RU", "launched", "missiles", 127)]
    assert brief('Russian troops have fired more than 640 "Shaheds" at Ukraine.') == [
        ("RU", "launched", "drones", 640)]


def test_no_mention_of_casualties_is_no_zero() -> None:
    assert brief("Drones hit the depot. The Kremlin made no mention of damage or casualties.") == []


def test_an_earlier_toll_gives_way_to_the_risen_one() -> None:
    text = ("The mayor earlier gave a toll of three dead, but the governor said the numbers had risen. "
            "Six people were killed in the missile strike on the city.")
    assert brief(text) == [("RU", "killed", None, 6)]


def test_more_than_a_year_is_a_duration_not_a_comparison() -> None:
    text = ("A day after the largest combined strike in more than a year, Russia launched 121 drones at "
            "Ukraine overnight. Air defences shot down 103 of them.")
    assert [(c.value, c.is_reference) for c in claims(text)] == [(121, False), (103, False)]


def test_where_missiles_were_fired_from_is_no_place_attacked() -> None:
    text = ("Russia fired 31 Kh-101 cruise missiles from Tu-95MS bombers over the Volgograd and Saratov "
            "regions at Kyiv overnight.")
    (claim,) = claims(text)
    assert "Volgograd Oblast" not in claim.locations and "Saratov Oblast" not in claim.locations
