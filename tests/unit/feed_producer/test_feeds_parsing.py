import json

import pytest

from services.feed_producer.feeds import FeedError, parse_feed
from tests.unit.feed_producer.conftest import ATOM, BOMB, RSS


def test_rss_items_become_normalised_articles():
    articles, rejected = parse_feed(RSS, "wire")
    assert rejected == []
    assert [a.title for a in articles] == ["Drones hit Odesa port", "Budget talks"]
    first = articles[0]
    assert first.url == "https://wire.example/a"
    assert first.text == "Russia launched 40 drones overnight, the air force said."
    assert first.published_at.isoformat() == "2025-09-20T06:10:00+00:00"
    assert first.outlet == "wire.example" and first.feed == "wire"


def test_atom_entries_are_read():
    articles, _ = parse_feed(ATOM, "atom")
    assert len(articles) == 1 and articles[0].url == "https://atom.example/k"
    assert "Kharkiv" in articles[0].text


def test_json_feed_items_are_read():
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "j",
        "items": [
            {
                "id": "1",
                "url": "https://j.example/1",
                "title": "T",
                "content_text": "Body one",
                "date_published": "2025-09-22T05:00:00+03:00",
            },
            {"id": "2", "title": "", "content_text": ""},
        ],
    }
    articles, rejected = parse_feed(json.dumps(doc).encode(), "jf", "application/feed+json")
    assert [a.text for a in articles] == ["Body one"]
    assert articles[0].published_at.isoformat() == "2025-09-22T02:00:00+00:00"
    assert len(rejected) == 1 and "neither text nor title" in rejected[0][1]


def test_entity_expansion_bomb_is_refused_not_expanded():
    with pytest.raises(FeedError) as err:
        parse_feed(BOMB, "evil")
    assert err.value.kind == "xml_bomb"


@pytest.mark.parametrize(
    "body", [b"<rss><channel><item><title>unclosed", b"plain text, no feed", b"\xff\xfe\x00garbage"]
)
def test_malformed_documents_raise_feed_error(body):
    with pytest.raises(FeedError) as err:
        parse_feed(body, "broken")
    assert err.value.kind == "malformed"
