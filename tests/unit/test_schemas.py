"""The topic contracts: JSON Schemas on disk match the models; the registry is coherent."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from schemas.article import Article, article_id_for
from schemas.topics import TOPICS
from services.cli.schemas_cmd import DEFAULT_DIR, render_schemas


def test_exported_json_schemas_match_the_models():
    rendered = render_schemas()
    on_disk = {p.name: p.read_text() for p in DEFAULT_DIR.glob("*.json")}
    drifted = sorted(n for n in rendered.keys() | on_disk.keys() if rendered.get(n) != on_disk.get(n))
    assert drifted == [], "run `strikewatch schemas export` and commit schemas/json/"


def test_every_topic_is_declared_once_with_partitions_and_a_versioned_model():
    for name, spec in TOPICS.items():
        assert spec.name == name and spec.partitions > 0
        assert "schema_version" in spec.model.model_fields, spec.model.__name__
        if spec.dlq:
            assert spec.dlq in TOPICS, f"{name} names a DLQ that is not declared"
        if spec.cleanup_policy == "compact":
            assert spec.retention_ms == -1


def test_article_requires_aware_datetimes_and_normalises_to_utc():
    base = {"id": "x", "feed": "f", "text": "t", "fetched_at": "2025-09-20T06:00:00+03:00"}
    assert Article.model_validate(base).fetched_at.isoformat() == "2025-09-20T03:00:00+00:00"
    with pytest.raises(ValidationError):
        Article.model_validate(base | {"fetched_at": datetime(2025, 9, 20, 6)})
    with pytest.raises(ValidationError):
        Article.model_validate(base | {"unexpected": 1})


def test_article_id_is_stable_and_prefers_the_url():
    assert article_id_for("https://a.example/x", "one") == article_id_for("https://a.example/x", "two")
    assert article_id_for(None, "one") != article_id_for(None, "two")
    assert len(article_id_for(None, "one")) == 32
