"""Extraction: library articles/s on one core (~3 KB generic wire copy, ~3 KB strike-dense reports,
and the labelled eval corpus) and the service's throughput on the broker as a ratio to pass-through."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import (
    BenchContext,
    Row,
    library_rows,
    ratio_row,
    row,
    service_throughput,
    synthetic_article,
)
from schemas.article import Article
from schemas.dedup import UniqueArticle, Verdict
from schemas.topics import ARTICLES_ENRICHED, ARTICLES_UNIQUE
from services.common.article_files import load_articles
from services.extraction.extractor import extract
from services.extraction.gazetteer import default_gazetteer

# Paragraph templates in wire style (written for the bench); figures vary per article.
_PARAGRAPHS = [
    "Russia launched {a} drones and {b} missiles at Ukraine overnight, the Ukrainian Air Force said on "
    "{day}. Of these, {c} drones and {d} missiles were shot down or suppressed by electronic warfare.",
    "Hits by {e} missiles and {f} drones were recorded at {g} locations, and debris fell in Kyiv, Kharkiv "
    "and the Dnipropetrovsk region, officials said.",
    "In Kyiv, {h} people were killed and {i} were injured, mayor Vitali Klitschko said, adding that fires "
    "broke out in several districts after Kh-101 cruise missiles and Shahed drones struck the city.",
    "The attack also involved two ballistic and {j} cruise missiles, among them Iskander-M and Kalibr, "
    "which targeted energy facilities operated by Ukrenergo in the Lviv and Ivano-Frankivsk regions.",
    "President Volodymyr Zelenskyy said Russia had launched more than {k} drones and {l} glide bombs since "
    "the beginning of the month, and called on NATO allies to deliver more Patriot systems.",
    "The previous record of 728 drones was set on July 9. Analysts at the Institute for the Study of War "
    "said Moscow now produces about 2,700 Shaheds a month and could launch 1,000 drones a night.",
    "In the Belgorod region, governor Vyacheslav Gladkov said a Ukrainian drone attack injured {m} people, "
    "while Russia's Defence Ministry said its air defences destroyed {n} Ukrainian drones over Bryansk, "
    "Kursk and Rostov regions.",
    "The European Union is preparing its 19th package of sanctions; EU officials said Russia's budget "
    "deficit grew 46% this year, while the Kremlin said Vladimir Putin was open to talks with Donald Trump.",
    "The IAEA said the Zaporizhzhia Nuclear Power Plant lost external power again, and Rafael Grossi "
    "warned of the risks. Four civilians, including a 12-year-old girl, were wounded in Zaporizhzhia.",
]


def bench_articles(count: int, seed: int = 0) -> list[Article]:
    """~3 KB articles made of the paragraphs above in varying order with varying figures."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        paras = _PARAGRAPHS[:]
        rng.shuffle(paras)
        figures = {k: rng.randint(2, 700) for k in "abcdefghijklmn"}
        figures["day"] = rng.choice(["Monday", "Tuesday", "Saturday", "Sunday"])
        text = "\n\n".join(p.format(**figures) for p in paras)
        while len(text) < 2900:
            text += "\n\n" + rng.choice(_PARAGRAPHS).format(**figures)
        published = datetime(2025, 9, 1, 6, tzinfo=UTC) + timedelta(days=n % 60)
        out.append(Article(id=f"xb-{seed}-{n}", feed="bench", url=f"https://bench.example/x/{n}",
                           outlet="bench.example", title=f"Overnight attack {n}", text=text[:3200],
                           published_at=published, fetched_at=datetime.now(UTC)))
    return out


CORPUS_DIRS = [Path(__file__).resolve().parents[1] / "tests" / "data" / "extraction" / d
               for d in ("corpus", "heldout")]


def corpus_articles(count: int) -> list[Article]:
    """The labelled eval articles (real wire styles, varied length and density), repeated to `count`."""
    paths = sorted(p for d in CORPUS_DIRS if d.is_dir() for p in d.glob("*.json")
                   if not p.name.endswith(".gold.json"))
    articles = load_articles(paths)
    return [articles[n % len(articles)] for n in range(count)] if articles else []


def _library_rate(articles: list[Article]) -> tuple[float, float, float]:
    """(articles/s, chars/article, claims/article): best of three passes after a warm-up."""
    for a in articles[:20]:
        extract(a)
    best = 0.0
    claims = 0
    for _ in range(3):
        started = time.perf_counter()
        claims = sum(len(extract(a).strikes) for a in articles)
        best = max(best, len(articles) / (time.perf_counter() - started))
    size = sum(len(a.text) for a in articles) / len(articles)
    return best, size, claims / len(articles)


def run(ctx: BenchContext) -> list[Row]:
    count = 300 if ctx.quick else 1500
    kinds = [
        ("extraction library, generic wire articles", [synthetic_article(n) for n in range(count)],
         "bench.common.synthetic_article: a lead paragraph with figures"),
        ("extraction library, strike-report articles", bench_articles(count),
         "every paragraph a strike report (casualties, intercepts, models)"),
        ("extraction library, labelled corpus articles", corpus_articles(count),
         "the eval corpus (tests/data/extraction), wire styles written for the project, cycled"),
    ] if ctx.library else []  # the library alone needs no broker: measured on the first one only
    rows: list[Row] = []
    if kinds:
        default_gazetteer()
    # one thread = one core; not pinned: pinning to a core the broker also uses halves the figure
    for name, articles, what in kinds:
        rate, size, claims = _library_rate(articles)
        note = f"one core, ~{size:.0f} chars/article, {claims:.1f} claims/article; {what}"
        rows += library_rows([row(name, rate, "articles/s", ">= 1000", note)])
    # the service on both kinds: generic wire copy (~3 claims, what the pipeline run feeds) and
    # strike-dense reports (~16 claims: there the extraction library itself is the limit)
    for name, articles in (("extraction service, generic wire articles",
                            [synthetic_article(n, seed=7) for n in range(count)]),
                           ("extraction service, strike-report articles", bench_articles(count, seed=1))):
        records = [(a.id, UniqueArticle(article=a, verdict=Verdict.UNIQUE, story_id=a.id)) for a in articles]
        per_s, outputs = service_throughput(ctx, "services.extraction", ARTICLES_UNIQUE, records,
                                            ARTICLES_ENRICHED, count)
        rows += ratio_row(name, per_s, ctx, outputs, count)
    return rows
