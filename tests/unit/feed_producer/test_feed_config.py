"""feeds.yaml: telegram and full-text options, and the shipped examples stay disabled."""

import argparse

import pytest
from pydantic import ValidationError

from services.common.checkout import CHECKOUT
from services.feed_producer.main import _feeds
from services.feed_producer.settings import FeedConfig, FeedProducerSettings, load_feeds_file

ROOT = CHECKOUT


def test_telegram_feed_defaults_to_the_channels_public_preview():
    feed = FeedConfig(name="tg", kind="telegram", channel="kpszsu")
    assert feed.url == "https://t.me/s/kpszsu" and feed.pages is None and feed.enabled


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "telegram"},  # no channel
        {"kind": "telegram", "channel": "bad name!"},
        {"kind": "telegram", "channel": "ok_name", "full_text": "auto"},
        {"kind": "telegram", "channel": "ok_name", "url": "file:///tmp/x.html"},
        {"url": "https://w.example/rss", "channel": "ok_name"},
        {"url": "https://w.example/rss", "pages": 2},
        {},  # a feed without a url
        {"url": "https://w.example/rss", "full_text": "sometimes"},
    ],
)
def test_feed_config_mistakes_are_clear_errors(fields):
    with pytest.raises(ValidationError):
        FeedConfig(name="x", **fields)


def test_settings_come_from_strikewatch_variables(monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_FULL_TEXT", "auto")
    monkeypatch.setenv("STRIKEWATCH_TELEGRAM_PAGES", "5")
    monkeypatch.setenv("STRIKEWATCH_HOST_MIN_INTERVAL_SECONDS", "2.5")
    settings = FeedProducerSettings()
    assert (settings.full_text, settings.telegram_pages, settings.host_min_interval_seconds) == ("auto", 5, 2.5)


def test_shipped_telegram_examples_are_valid_and_disabled():
    doc = load_feeds_file(ROOT / "feeds.yaml")
    telegram = {f.channel: f for f in doc.feeds if f.kind == "telegram"}
    assert {"kpszsu", "mod_russia"} <= set(telegram) and len(telegram) >= 3
    assert not any(f.enabled for f in telegram.values())
    args = argparse.Namespace(feeds=ROOT / "feeds.yaml", inbox=None, url=[])
    feeds, _ = _feeds(args, FeedProducerSettings())
    assert [f.name for f in feeds] == ["sample-rss", "sample-atom"]
