"""Message timestamps: ISO 8601 text with a zone, never a bare number."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.article import Article

BASE = '{"id": "a1", "feed": "f", "text": "t", "fetched_at": "2025-07-09T08:00:00Z", "published_at": %s}'


@pytest.mark.parametrize("value", ["12345678901", "1720512000.5"])
def test_a_number_is_no_publication_time(value: str) -> None:
    with pytest.raises(ValidationError, match="ISO 8601"):
        Article.model_validate_json(BASE % value)


def test_iso_text_is_one() -> None:
    article = Article.model_validate_json(BASE % '"2025-07-09T10:00:00+03:00"')
    assert article.published_at is not None and article.published_at.hour == 7
