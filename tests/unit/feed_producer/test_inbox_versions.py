"""Two versions of one article (same URL) side by side in the inbox are emitted once each."""

from __future__ import annotations

import json


def test_two_versions_of_one_url_are_emitted_once_each(make_producer, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n, text in enumerate(["Russia launched 80 drones.", "Russia launched 84 drones overnight."], 1):
        (inbox / f"v{n}.json").write_text(json.dumps(
            {"url": "https://wire.example/night", "title": "Night", "text": text, "published": "2025-09-20"}))
    producer, sink = make_producer(inbox=inbox)
    assert producer.scan_inbox() == 2
    assert len({a.id for a in sink.articles}) == 1  # one article id, two versions
    assert producer.scan_inbox() == 0  # not re-emitted on the next scans
    restarted, sink2 = make_producer(inbox=inbox)
    assert restarted.scan_inbox() == 0 and sink2.articles == []
