"""`strikewatch eval dedup`: precision/recall of dedup verdicts on the labelled set.

The set (tests/data/dedup/articles.jsonl, built by build_set.py there) labels every article:
`original`, `exact` / `near` republication of `of`, `revision` of `of` (same URL), or
`independent` (the same event told by another outlet: must stay unique, should share the story).
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas.dedup import Verdict
from services.common.checkout import TEST_DATA

if TYPE_CHECKING:
    from services.dedup.engine import Decision

DEFAULT_SET = TEST_DATA / "dedup" / "articles.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `strikewatch eval dedup`."""
    from services.cli.dedup_cmd import add_config_arguments

    parser.add_argument("--set", default=str(DEFAULT_SET), help="labelled articles (.jsonl)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    add_config_arguments(parser)


def _pr(tp: int, predicted: int, actual: int) -> dict[str, float | int]:
    return {"precision": tp / predicted if predicted else 1.0, "recall": tp / actual if actual else 1.0,
            "tp": tp, "predicted": predicted, "actual": actual}


def evaluate(path: Path, config: object | None = None) -> dict[str, dict[str, float | int]]:
    """Run the engine over the set in file order and score each verdict kind and the stories,
    then the templated nightly series apart (`series_scores`)."""
    from services.common.article_files import load_articles
    from services.dedup.engine import Deduplicator

    all_labels = [json.loads(line)["label"] for line in path.read_text("utf-8").splitlines()
                  if line.strip()]
    articles = load_articles([path], id_policy="file")
    dedup = Deduplicator(config)  # type: ignore[arg-type]
    all_decisions = [dedup.decide(a) for a in articles]
    in_series = ["series" in lab for lab in all_labels]
    labels = [lab for lab, s in zip(all_labels, in_series, strict=True) if not s]
    decisions = [d for d, s in zip(all_decisions, in_series, strict=True) if not s]
    out = score_labelled(decisions, labels)
    series = [(d, lab) for d, lab, s in zip(all_decisions, all_labels, in_series, strict=True) if s]
    if series:
        out["series"] = series_scores(series)
    return out


def series_scores(pairs: list[tuple[Decision, dict[str, Any]]]) -> dict[str, float | int]:
    """Templated nightly series: every night must stay unique (`nights_kept`), each
    republication is caught as a duplicate of its night (`republications_caught`), and no story
    holds two nights of one series (`stories_spanning_nights`)."""
    dup = {Verdict.DUPLICATE, Verdict.NEAR_DUPLICATE}
    nights = [(d, lab) for d, lab in pairs if lab["kind"] == "original"]
    reps = [(d, lab) for d, lab in pairs if lab["kind"] == "republication"]
    caught = sum(d.verdict in dup and d.duplicate_of == lab["of"] for d, lab in reps)
    spans: dict[tuple[str, str], set[str]] = {}
    for d, lab in pairs:
        spans.setdefault((lab["series"], d.story_id), set()).add(lab["night"])
    return {
        "nights": len(nights), "nights_kept": sum(d.verdict == Verdict.UNIQUE for d, _ in nights),
        "republications": len(reps), "republications_caught": caught,
        "republication_recall": caught / len(reps) if reps else 1.0,
        "stories_spanning_nights": sum(len(v) > 1 for v in spans.values()),
    }


def score_labelled(decisions: list[Decision], labels: list[dict[str, Any]]
                   ) -> dict[str, dict[str, float | int]]:
    """Verdict kinds and story pairs of the hand-labelled stories."""
    kinds = {"exact": Verdict.DUPLICATE, "near": Verdict.NEAR_DUPLICATE, "revision": Verdict.REVISION}
    out: dict[str, dict[str, float | int]] = {}
    for kind, verdict in kinds.items():
        actual = sum(lab["kind"] == kind for lab in labels)
        predicted = sum(d.verdict == verdict for d in decisions)
        tp = sum(d.verdict == verdict and lab["kind"] == kind and d.duplicate_of == lab["of"]
                 for d, lab in zip(decisions, labels, strict=True))
        out[kind] = _pr(tp, predicted, actual)
    any_dup = {"exact", "near"}
    dup_verdicts = {Verdict.DUPLICATE, Verdict.NEAR_DUPLICATE}
    tp = sum(d.verdict in dup_verdicts and lab["kind"] in any_dup
             for d, lab in zip(decisions, labels, strict=True))
    out["any_duplicate"] = _pr(tp, sum(d.verdict in dup_verdicts for d in decisions),
                               sum(lab["kind"] in any_dup for lab in labels))
    independent = [d for d, lab in zip(decisions, labels, strict=True) if lab["kind"] == "independent"]
    out["independent_kept"] = {
        "unique": sum(d.verdict == Verdict.UNIQUE for d in independent), "total": len(independent),
    }
    same_true = same_pred = both = 0
    for (d1, l1), (d2, l2) in itertools.combinations(zip(decisions, labels, strict=True), 2):
        t, p = l1["story"] == l2["story"], d1.story_id == d2.story_id
        same_true += t
        same_pred += p
        both += t and p
    story = _pr(both, same_pred, same_true)
    indep_story = sum(
        d.story_id == next(x.story_id for x, lab in zip(decisions, labels, strict=True)
                           if lab["story"] == lb["story"] and lab["kind"] == "original")
        for d, lb in zip(decisions, labels, strict=True) if lb["kind"] == "independent"
    )
    out["story_pairs"] = story | {"independent_with_wire_story": indep_story}
    return out


def main(args: argparse.Namespace) -> int:
    """Print the figures; exit 1 when a target of the issue is missed."""
    from services.cli.dedup_cmd import config_from

    result = evaluate(Path(args.set), config_from(args))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"dedup evaluation on {args.set}")
        for name, r in result.items():
            if "precision" in r:
                print(f"  {name:16s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
                      f"(tp {r['tp']}, predicted {r['predicted']}, actual {r['actual']})")
        ik = result["independent_kept"]
        print(f"  independent retellings kept unique: {ik['unique']}/{ik['total']}; "
              f"sharing the wire story: {result['story_pairs']['independent_with_wire_story']}"
              f"/{ik['total']}")
        if (sr := result.get("series")) is not None:
            print(f"  templated nightly series: nights kept {sr['nights_kept']}/{sr['nights']}, "
                  f"republications caught {sr['republications_caught']}/{sr['republications']} "
                  f"({sr['republication_recall']:.3f}), stories spanning two nights "
                  f"{sr['stories_spanning_nights']}")
    exact, near = result["exact"], result["near"]
    sr = result.get("series") or {"nights": 0, "nights_kept": 0, "republication_recall": 1.0,
                                  "stories_spanning_nights": 0}
    ok = (sr["nights_kept"] == sr["nights"] and sr["republication_recall"] >= 0.95
          and sr["stories_spanning_nights"] == 0
          and exact["precision"] == 1.0 and exact["recall"] == 1.0
          and near["recall"] >= 0.95 and near["precision"] >= 0.99
          and result["independent_kept"]["unique"] == result["independent_kept"]["total"])
    return 0 if ok else 1
