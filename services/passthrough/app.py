"""The faust app of the pass-through reference agent."""

from __future__ import annotations

from typing import Any

from schemas.article import Article
from schemas.topics import ARTICLES_RAW, PASSTHROUGH
from services.runtime.settings import RuntimeSettings
from services.runtime.streams import ServiceRuntime

SERVICE = "passthrough"
settings = RuntimeSettings()
runtime = ServiceRuntime(SERVICE, settings)
app = runtime.app


async def forward(article: Article, event: Any) -> None:
    """Re-publish the validated article, keyed as it came."""
    await runtime.send(PASSTHROUGH, article.id, article)


@app.agent(runtime.source(ARTICLES_RAW))
async def passthrough(stream: Any) -> None:
    await runtime.consume(stream, ARTICLES_RAW, forward)
