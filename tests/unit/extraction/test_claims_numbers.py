"""Strike figures: how numbers are written, lists, and numbers that must never become claims."""

from __future__ import annotations

import pytest

from tests.support.extraction import brief, claims


def test_thousands_separators() -> None:
    assert brief("Russia has fired 1,203 drones at Ukraine overnight, officials said.") == [
        ("RU", "launched", "drones", 1203)]


@pytest.mark.parametrize(("text", "value"), [
    ("One person was killed in the strike on Sumy.", 1),
    ("Four civilians were killed when a glide bomb hit Kostiantynivka.", 4),
    ("Twenty-two people were injured in Zaporizhzhia.", 22),
    ("A 64-year-old woman was killed in Kherson.", 1),
    ("A dozen people were killed in the strike on Kryvyi Rih.", 12),
])
def test_number_words(text: str, value: int) -> None:
    (claim,) = claims(text)
    assert claim.value == value
    assert claim.measure.value in ("killed", "injured") and claim.weapon_class is None


def test_list_of_weapons_shares_its_verb() -> None:
    assert brief("Overnight the enemy launched 40 missiles and 579 drones of various types.") == [
        ("RU", "launched", "missiles", 40), ("RU", "launched", "drones", 579)]


def test_class_adjectives_distribute_over_a_shared_head() -> None:
    assert brief("Russian forces also fired two ballistic and 29 cruise missiles at western regions.") == [
        ("RU", "launched", "ballistic_missiles", 2), ("RU", "launched", "cruise_missiles", 29)]


def test_drones_and_missiles_without_split_is_a_total() -> None:
    assert brief("Russia attacked Ukraine with 550 drones and missiles overnight.") == [
        ("RU", "launched", "total", 550)]


def test_models_give_model_and_class() -> None:
    got = claims("The enemy attacked with 13 missiles: nine Iskander-M ballistic missiles and four "
                 "Kh-101 cruise missiles, as well as 80 Shahed-type attack drones.")
    assert [(c.weapon_class.value, c.weapon_model, c.value) for c in got] == [
        ("missiles", None, 13), ("ballistic_missiles", "Iskander-M", 9), ("cruise_missiles", "Kh-101", 4),
        ("drones", "Shahed-136", 80)]
    assert {c.measure.value for c in got} == {"launched"}


def test_split_sentences_of_these() -> None:
    got = brief("Russia launched 579 drones overnight. Of these, 552 drones were neutralised, the Air Force said.")
    assert got == [("RU", "launched", "drones", 579), ("RU", "intercepted", "drones", 552)]


def test_headless_figure_takes_the_class_of_its_antecedent() -> None:
    got = brief("Russia launched 120 drones at Ukraine overnight. Air defences shot down 98 of them, "
                "while 14 were lost to electronic warfare.")
    assert got == [("RU", "launched", "drones", 120), ("RU", "intercepted", "drones", 98),
                   ("RU", "lost", "drones", 14)]


def test_of_the_total() -> None:
    assert brief("Air defence units downed 452 of the 477 drones launched overnight.") == [
        ("RU", "intercepted", "drones", 452), ("RU", "launched", "drones", 477)]


def test_hits_and_penetrations() -> None:
    assert brief("The Air Force said 72 drones penetrated the defences overnight.") == [
        ("RU", "hit", "drones", 72)]
    assert brief("Hits by nine missiles and 54 drones were recorded at 33 locations overnight.") == [
        ("RU", "hit", "missiles", 9), ("RU", "hit", "drones", 54)]


@pytest.mark.parametrize("text", [
    "Alja, 23, and her son, 5, were killed in the strike, police said.",
    "The European Union adopted its 19th package of sanctions in 2025.",
    "Ukraine's defence budget will rise to $62 billion next year.",
    "Russia carried out 46% more attacks in August than in July.",
    "Some 10,000 troops were deployed near the border, and 700,000 soldiers serve in the area.",
    "Ukraine has received 12 Patriot systems and 80 F-16 jets since 2022.",
    "The war began in 2022 and has lasted more than three years.",
    "Explosions were heard at 10:00 and again at 10.45, the mayor said on 16 September.",
    "The drone factory employs 3,000 workers, and 500 drone operators trained there.",
    "Article 5 of the NATO treaty was discussed by 32 members.",
    "Russia fired 40 percent more drones in September.",
])
def test_non_strike_numbers_never_become_claims(text: str) -> None:
    assert claims(text) == []


def test_qualifiers() -> None:
    got = claims("At least four people were killed, more than 30 were injured and nearly 500 drones and "
                 "some 20 missiles were launched, while about 450 drones were shot down.")
    assert [(c.measure.value, c.value, c.qualifier.value) for c in got] == [
        ("killed", 4, "at_least"), ("injured", 30, "at_least"), ("launched", 500, "at_most"),
        ("launched", 20, "about"), ("intercepted", 450, "about")]


def test_evidence_is_the_sentence_with_offsets() -> None:
    text = "Night attack.\n\nRussia launched 90 drones overnight. Nothing else happened."
    (claim,) = claims(text)
    assert claim.evidence.text == "Russia launched 90 drones overnight."
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_shot_down_or_suppressed_is_intercepted() -> None:
    assert brief("Air defence shot down or suppressed 406 drones and nine missiles overnight.") == [
        ("RU", "intercepted", "drones", 406), ("RU", "intercepted", "missiles", 9)]


def test_bulleted_breakdown_inherits_the_measure_of_its_lead() -> None:
    text = ("Overnight the enemy attacked with 60 missiles of various types:\n"
            "- 4 Kinzhal aeroballistic missiles;\n- 5 Iskander-M/KN-23 ballistic missiles;\n"
            "- both Kh-59 guided air missiles.")
    got = claims(text)
    assert [(c.measure.value, c.weapon_class.value, c.weapon_model, c.value) for c in got] == [
        ("launched", "missiles", None, 60), ("launched", "aeroballistic_missiles", "Kinzhal", 4),
        ("launched", "ballistic_missiles", None, 5), ("launched", "guided_air_missiles", "Kh-59", 2)]


def test_mixed_drone_types_have_no_single_model() -> None:
    (claim,) = claims("The enemy launched 653 Shahed attack drones, Gerbera decoys and drones of other types.")
    assert (claim.weapon_class.value, claim.weapon_model) == ("drones", None)
