"""Source tiers come from the data table: outlet/feed patterns and attribution cues."""

from __future__ import annotations

import pytest

from services.aggregation.tiers import default_tier_table, load_tier_table


def test_outlets_map_to_their_tier_including_subdomains_and_feeds():
    t = default_tier_table()
    assert t.outlet_tier("mil.gov.ua") == "official"
    assert t.outlet_tier("www.reuters.com") == "wire"
    assert t.outlet_tier("kharkiv.oda.gov.ua") == "regional"
    assert t.outlet_tier("some-blog.example") == "aggregator"
    assert t.outlet_tier(None, feed="kpszsu-telegram") == "official"


def test_sentence_attribution_upgrades_but_never_downgrades():
    t = default_tier_table()
    assert t.tier_of("blog.example", None, "Ukraine's Air Force said 810 drones were launched.") == "official"
    assert t.tier_of("blog.example", None, "Governor Oleh Syniehubov said two people died.") == "regional"
    assert t.tier_of("mil.gov.ua", None, "Reuters reported 800 drones.") == "official"
    assert t.tier_of("blog.example", None, "Some 800 drones were launched.") == "aggregator"


def test_tier_table_is_data(tmp_path):
    path = tmp_path / "tiers.yaml"
    path.write_text("tiers: {gold: 1, tin: 2}\ndefault_tier: tin\noutlets: {gold: [gold.example]}\n"
                    "text_cues: {gold: ['\\bsaid gold\\b']}\n")
    t = load_tier_table(path)
    assert t.outlet_tier("gold.example") == "gold"
    assert t.tier_of("x.example", None, "someone said gold") == "gold"
    assert t.rank("gold") < t.rank("tin") < t.rank("unknown")


def test_tier_table_rejects_unknown_tiers(tmp_path):
    path = tmp_path / "tiers.yaml"
    path.write_text("tiers: {gold: 1}\noutlets: {silver: [x.example]}\n")
    with pytest.raises(ValueError, match="unknown tier"):
        load_tier_table(path)


def test_primary_sources_in_their_own_languages_are_official():
    table = load_tier_table()
    assert table.tier_of("t.me", "tg-kpszsu", "") == "official"
    assert table.tier_of("t.me", "tg-mod-russia", "") == "official"
    assert table.tier_of("t.me", "tg-kharkiv-ova", "") == "regional"
    assert table.tier_of("example.ua", None, "Про це повідомили Повітряні сили ЗСУ.") == "official"
    assert table.tier_of("example.ru", None, "Об этом сообщили в Минобороны России.") == "official"
    assert table.tier_of("example.ru", None, "Об этом сообщил губернатор области.") == "regional"
    assert table.tier_of("example.ru", None, "Об этом сообщила администрация президента.") == "aggregator"
