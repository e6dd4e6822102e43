"""Dedup engine: verdicts, replays, expiry with flat memory, compact rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from schemas.article import Article
from schemas.dedup import Verdict
from services.common.checkout import TEST_DATA
from services.dedup.candidate import fingerprint_of, to_candidate
from services.dedup.engine import DAY_S, DedupConfig, Deduplicator
from services.dedup.fingerprint import Fingerprint
from services.dedup.store import Row
from services.dedup.text import content, is_boilerplate

T0 = datetime(2025, 10, 1, tzinfo=UTC)
BODY = [
    "Russian forces attacked the port of Odesa overnight with 46 drones, injuring two workers.",
    "Air defence units shot down 38 of the drones over the region, the governor said on Friday.",
    "Firefighters needed four hours to put out a blaze that destroyed 1,200 tonnes of wheat.",
    "The two injured men were taken to hospital and are in stable condition, he added.",
    "Shipping through the Black Sea corridor was not interrupted, the navy said.",
]


def art(aid: str, paras: list[str], *, url: str | None = None, at: datetime = T0,
        title: str = "Odesa port hit") -> Article:
    return Article(id=aid, feed="t", url=url, title=title, text="\n\n".join(paras),
                   fetched_at=at, published_at=at)


def test_boilerplate_lines_are_not_content():
    assert is_boilerplate("Subscribe to our newsletter")
    assert is_boilerplate("By Jane Doe")
    assert is_boilerplate("Photo: rescuers at the scene (Getty Images)")
    assert is_boilerplate("© 2025 Example Media")
    assert not is_boilerplate(BODY[0])
    assert content("KYIV (Reuters) - " + BODY[0]) == BODY[0]


def test_verdict_kinds_and_story():
    d = Deduplicator()
    first = d.decide(art("a", BODY, url="https://x.example/a"))
    assert first.verdict == Verdict.UNIQUE and first.flows and first.story_id == "a"
    copy = d.decide(art("b", ["By Staff", *BODY, "Subscribe now for more."], title="NEW"))
    assert (copy.verdict, copy.duplicate_of, copy.flows) == (Verdict.DUPLICATE, "a", False)
    near = d.decide(art("c", BODY[:-1]))
    assert near.verdict == Verdict.NEAR_DUPLICATE and near.duplicate_of == "a"
    assert near.similarity is not None and 0.5 <= near.similarity < 1.0 and near.story_id == "a"
    revised = d.decide(art("a", [BODY[0].replace("46", "52"), *BODY[1:]], url="https://x.example/a"))
    assert (revised.verdict, revised.revision, revised.flows) == (Verdict.REVISION, 1, True)
    other = d.decide(art("d", ["A new school opened in Lviv with 300 pupils on Monday morning."] * 3))
    assert other.verdict == Verdict.UNIQUE and other.story_id == "d"


def test_an_older_version_arriving_after_its_correction_does_not_replace_it():
    """Same id, published earlier: whatever the arrival order, the later publication stays current."""
    original = art("k", BODY, url="https://x.example/k", at=T0)
    corrected = art("k", [BODY[0], BODY[1].replace("38", "44"), *BODY[2:]], url="https://x.example/k",
                    at=T0 + timedelta(hours=4))
    in_order = Deduplicator()
    in_order.decide(original)
    assert in_order.decide(corrected).verdict == Verdict.REVISION
    reordered = Deduplicator()
    assert reordered.decide(corrected).verdict == Verdict.UNIQUE
    late = reordered.decide(original)
    assert (late.verdict, late.flows, late.revision) == (Verdict.DUPLICATE, False, 0)
    same_time = Deduplicator()  # no publication order to go by: arrival order, as before
    same_time.decide(corrected)
    assert same_time.decide(art("k", BODY, url="https://x.example/k", at=T0 + timedelta(hours=4))).flows


def test_template_with_other_figures_is_not_a_near_duplicate():
    d = Deduplicator()
    d.decide(art("n1", [p.replace("46", "80").replace("38", "71") for p in BODY]))
    other_night = d.decide(art("n2", [p.replace("46", "120").replace("38", "97")
                                      .replace("1,200", "900").replace("four", "six") for p in BODY]))
    assert other_night.verdict == Verdict.UNIQUE


def test_replay_of_a_position_repeats_the_verdict_without_flowing():
    d = Deduplicator()
    first = d.decide(art("a", BODY), position="articles.raw/0/5")
    again = d.decide(art("a", BODY), position="articles.raw/0/5")
    assert again.replay and not again.flows and again.verdict == first.verdict
    refetch = d.decide(art("a", BODY), position="articles.raw/0/9")
    assert refetch.verdict == Verdict.DUPLICATE and not refetch.flows


def test_rows_round_trip_and_restore_keeps_decisions():
    d = Deduplicator()
    decisions = [d.decide(art(f"x{i}", [f"Story {i} about {i * 7} drones over Kharkiv.", *BODY[i:]]))
                 for i in range(3)]
    restored = Deduplicator()
    for dec in decisions:
        assert dec.row is not None
        row = Row.from_bytes(dec.row.to_bytes())
        assert np.array_equal(row.sig, dec.row.sig) and row.story_id == dec.row.story_id
        restored.restore(row)
    assert len(restored) == 3
    again = restored.decide(art("y", ["Story 0 about 0 drones over Kharkiv.", *BODY]))
    assert again.verdict == Verdict.DUPLICATE and again.duplicate_of == "x0"


def test_memory_stays_flat_while_articles_keep_coming():
    cfg = DedupConfig(horizon_s=1 * DAY_S)
    d = Deduplicator(cfg)
    rng = np.random.default_rng(1)
    sizes = []
    for i in range(1200):
        words = " ".join(f"w{x}" for x in rng.integers(0, 50_000, 60))
        d.decide(art(f"s{i}", [words], at=T0 + timedelta(minutes=5 * i)))  # 12 days of articles
        if i % 100 == 99:
            sizes.append(len(d))
    assert d.expired_total > 0
    late = sizes[len(sizes) // 2:]
    assert max(late) <= 1.25 * 288 + 64 and max(late) - min(late) <= 0.5 * max(late)


def test_text_keys_from_the_parallel_stage_travel_in_the_candidate_and_decide_the_same():
    stage_one = Deduplicator()
    articles = [art("k1", BODY), art("k2", BODY[:-1], title="Other"), art("k3", BODY[1:] * 2)]
    fps = [stage_one.fingerprint(a) for a in articles]
    assert all(fp.keys is not None and len(fp.keys) == 1 + stage_one.bands + len(fp.features)
               for fp in fps)
    carried = [fingerprint_of(to_candidate(a, fp, f"articles.raw/0/{i}"))
               for i, (a, fp) in enumerate(zip(articles, fps, strict=True))]
    assert all(np.array_equal(c.keys, fp.keys) for c, fp in zip(carried, fps, strict=True))
    with_keys, without = Deduplicator(), Deduplicator()
    for a, fp in zip(articles, carried, strict=True):
        bare = Fingerprint(fp.exact, fp.hashvalues, fp.shingles, fp.features, fp.figures, fp.night)
        got, expected = with_keys.decide(a, fp), without.decide(a, bare)
        assert (got.verdict, got.duplicate_of, got.story_id) == (
            expected.verdict, expected.duplicate_of, expected.story_id)
        assert got.row is not None and expected.row is not None
        assert np.array_equal(got.row.bands, expected.row.bands)
        assert np.array_equal(got.row.features, expected.row.features)


def test_story_scoring_in_python_and_numpy_agree_on_the_labelled_set(monkeypatch):
    from services.common.article_files import load_articles
    from services.dedup import engine

    articles = load_articles([TEST_DATA / "dedup"
                              / "articles.jsonl"])
    stories = {}
    for limit in (engine.STORY_PYTHON_MAX, 0):  # 0: every scoring takes the numpy path
        monkeypatch.setattr(engine, "STORY_PYTHON_MAX", limit)
        d = Deduplicator()
        stories[limit] = [(a.id, d.decide(a)) for a in articles]
    python, numpy_ = ([(i, x.story_id) for i, x in run] for run in stories.values())
    assert python == numpy_
    # unique articles joined an earlier story: the scoring itself decided those
    assert any(x.verdict == Verdict.UNIQUE and x.story_id != i for i, x in stories[0])
