"""`strikewatch eval extract`: precision/recall/F1 of the extractor on the labelled corpus.

The corpus (`tests/data/extraction/corpus/`) holds article files `<id>.json` and, next to each,
the analyst's gold annotations `<id>.gold.json` (conventions in `tests/data/extraction/README.md`).
Scoring is kept in pure functions (no I/O, no extractor import) so unit tests can check it with
hand-computed cases; `main` only loads files, runs the extractor and prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt

from schemas.extraction import Attacker, EntityType, Measure, Qualifier, Scope, WeaponClass
from services.common.checkout import TEST_DATA

DEFAULT_CORPUS = TEST_DATA / "extraction" / "corpus"
# Articles written after the rules, never tuned on: scored apart, the estimate for unseen text.
DEFAULT_HELDOUT = DEFAULT_CORPUS.parent / "heldout"
GOLD_SUFFIX = ".gold.json"

MATCH_FIELDS = ("attacker", "measure", "weapon_class", "value", "is_reference")
"""A predicted claim matches a gold claim when these agree (the figure itself)."""
STRICT_FIELDS = (*MATCH_FIELDS, "qualifier", "scope", "date", "weapon_model")
"""The strict score also asks for these."""

TARGETS = {"claims_f1": 0.95, "entities_f1": 0.90, "date_accuracy": 0.95, "scope_accuracy": 0.95}
"""Quality targets of issue 4, printed next to the measured values."""


# --------------------------------------------------------------------------- gold file model

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldEntity(_Strict):
    type: EntityType
    name: str


class GoldPeriod(_Strict):
    start: dt.date | None
    end: dt.date | None


class GoldClaim(_Strict):
    """A gold claim: every field explicit (no defaults), so an annotation cannot forget one."""

    attacker: Attacker
    measure: Measure
    weapon_class: WeaponClass | None
    weapon_model: str | None
    value: StrictInt
    qualifier: Qualifier
    scope: Scope
    period: GoldPeriod | None
    date: dt.date | None
    locations: list[str]
    is_reference: StrictBool


class GoldArticle(_Strict):
    entities: list[GoldEntity]
    strikes: list[GoldClaim]


def load_gold(path: Path) -> GoldArticle:
    """Parse and validate one `<id>.gold.json` (raises pydantic.ValidationError on a bad file)."""
    return GoldArticle.model_validate_json(path.read_bytes())


def corpus_article_paths(corpus: Path) -> list[Path]:
    """The article files of a corpus folder (every `*.json` that is not a gold file), sorted."""
    return sorted(p for p in corpus.glob("*.json") if not p.name.endswith(GOLD_SUFFIX))


def gold_path_for(article_path: Path) -> Path:
    return article_path.with_name(article_path.name[: -len(".json")] + GOLD_SUFFIX)


# --------------------------------------------------------------------------- normalisation

def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def normalise_claim(claim: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    """A claim (gold model, StrikeClaim, or their JSON dicts) as plain comparable values."""
    raw = claim.model_dump() if isinstance(claim, BaseModel) else dict(claim)
    period = raw.get("period")
    if isinstance(period, BaseModel):
        period = period.model_dump()
    return {
        "attacker": _enum_value(raw.get("attacker")),
        "measure": _enum_value(raw.get("measure")),
        "weapon_class": _enum_value(raw.get("weapon_class")),
        "weapon_model": raw.get("weapon_model"),
        "value": int(raw["value"]),
        "qualifier": _enum_value(raw.get("qualifier") or "exact"),
        "scope": _enum_value(raw.get("scope") or "single_attack"),
        "period": None if not period else (_iso(period.get("start")), _iso(period.get("end"))),
        "date": _iso(raw.get("date")),
        "locations": tuple(sorted(raw.get("locations") or ())),
        "is_reference": bool(raw.get("is_reference", False)),
    }


def entity_keys(entities: Iterable[Mapping[str, Any] | BaseModel]) -> set[tuple[str, str]]:
    """The set of (type, canonical name) an article names; mentions collapse to one entry."""
    out: set[tuple[str, str]] = set()
    for ent in entities:
        raw = ent.model_dump() if isinstance(ent, BaseModel) else ent
        out.add((str(_enum_value(raw["type"])), str(raw["name"])))
    return out


# --------------------------------------------------------------------------- scoring

@dataclass
class Counts:
    """True positives, false positives, false negatives; ratios are None when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


def _key(claim: Mapping[str, Any], fields: Sequence[str]) -> tuple[Any, ...]:
    return tuple(claim[f] for f in fields)


def match_claims(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]],
    fields: Sequence[str] = MATCH_FIELDS,
) -> list[tuple[int, int]]:
    """One-to-one greedy matching of normalised claims on `fields`, in gold order.

    Among the predictions that agree on `fields`, the one agreeing on most strict fields (then
    on locations, then the first) is taken, so a per-city figure pairs with its own prediction
    rather than with an equal-valued total.
    """
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        key = _key(g, fields)
        best: tuple[int, int, int] | None = None  # (-agreement, -locations agree, index)
        for pi, p in enumerate(predicted):
            if pi in used or _key(p, fields) != key:
                continue
            agreement = sum(g[f] == p[f] for f in STRICT_FIELDS)
            rank = (-agreement, -int(g["locations"] == p["locations"]), pi)
            if best is None or rank < best:
                best = rank
        if best is not None:
            used.add(best[2])
            pairs.append((gi, best[2]))
    return pairs


@dataclass
class ClaimScores:
    """Claim scores of one article or a whole corpus (add() accumulates)."""

    by_measure: dict[str, Counts] = field(default_factory=dict)
    strict_by_measure: dict[str, Counts] = field(default_factory=dict)
    date: Accuracy = field(default_factory=Accuracy)
    scope: Accuracy = field(default_factory=Accuracy)
    period: Accuracy = field(default_factory=Accuracy)
    locations: Accuracy = field(default_factory=Accuracy)

    @property
    def overall(self) -> Counts:
        return _total(self.by_measure.values())

    @property
    def strict_overall(self) -> Counts:
        return _total(self.strict_by_measure.values())

    def add(self, other: ClaimScores) -> None:
        for mine, theirs in ((self.by_measure, other.by_measure),
                             (self.strict_by_measure, other.strict_by_measure)):
            for measure, counts in theirs.items():
                mine.setdefault(measure, Counts()).add(counts)
        for name in ("date", "scope", "period", "locations"):
            acc, extra = getattr(self, name), getattr(other, name)
            acc.correct += extra.correct
            acc.total += extra.total


def _total(items: Iterable[Counts]) -> Counts:
    out = Counts()
    for counts in items:
        out.add(counts)
    return out


def _counts_by_measure(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]],
    pairs: Sequence[tuple[int, int]],
) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        counts = out.setdefault(g["measure"], Counts())
        if gi in matched_gold:
            counts.tp += 1
        else:
            counts.fn += 1
    for pi, p in enumerate(predicted):
        if pi not in matched_pred:
            out.setdefault(p["measure"], Counts()).fp += 1
    return out


def score_claims(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> ClaimScores:
    """Score one article's normalised predicted claims against its gold claims."""
    pairs = match_claims(gold, predicted, MATCH_FIELDS)
    strict_pairs = match_claims(gold, predicted, STRICT_FIELDS)
    scores = ClaimScores(
        by_measure=_counts_by_measure(gold, predicted, pairs),
        strict_by_measure=_counts_by_measure(gold, predicted, strict_pairs),
    )
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        scores.date.total += 1
        scores.date.correct += g["date"] == p["date"]
        scores.scope.total += 1
        scores.scope.correct += g["scope"] == p["scope"]
        scores.locations.total += 1
        scores.locations.correct += g["locations"] == p["locations"]
        if g["scope"] == Scope.PERIOD_TOTAL.value:
            scores.period.total += 1
            scores.period.correct += g["period"] == p["period"]
    return scores


def score_entities(gold: set[tuple[str, str]], predicted: set[tuple[str, str]]) -> dict[str, Counts]:
    """Per entity type: true positives, false positives and misses between two (type, name) sets."""
    out: dict[str, Counts] = {}
    for etype, _ in gold | predicted:
        out.setdefault(etype, Counts())
    for etype, name in gold:
        out[etype].tp += (etype, name) in predicted
        out[etype].fn += (etype, name) not in predicted
    for etype, _name in predicted - gold:
        out[etype].fp += 1
    return out


@dataclass
class ArticleErrors:
    """What one article got wrong, for `--errors`."""

    article_id: str
    missed_claims: list[dict[str, Any]]
    extra_claims: list[dict[str, Any]]
    missed_entities: list[tuple[str, str]]
    extra_entities: list[tuple[str, str]]


@dataclass
class Report:
    articles: int = 0
    claims: ClaimScores = field(default_factory=ClaimScores)
    entities: dict[str, Counts] = field(default_factory=dict)
    errors: list[ArticleErrors] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def entities_overall(self) -> Counts:
        return _total(self.entities.values())

    def add_article(
        self, article_id: str, gold: GoldArticle | Mapping[str, Any],
        predicted_claims: Sequence[Mapping[str, Any] | BaseModel],
        predicted_entities: Iterable[Mapping[str, Any] | BaseModel],
    ) -> None:
        """Score one article and fold it into the totals."""
        if isinstance(gold, BaseModel):
            gold_claims_raw: Sequence[Any] = gold.strikes
            gold_entities_raw: Iterable[Any] = gold.entities
        else:
            gold_claims_raw, gold_entities_raw = gold["strikes"], gold["entities"]
        gold_claims = [normalise_claim(c) for c in gold_claims_raw]
        pred_claims = [normalise_claim(c) for c in predicted_claims]
        self.articles += 1
        self.claims.add(score_claims(gold_claims, pred_claims))
        gold_ents, pred_ents = entity_keys(gold_entities_raw), entity_keys(predicted_entities)
        for etype, counts in score_entities(gold_ents, pred_ents).items():
            self.entities.setdefault(etype, Counts()).add(counts)
        pairs = match_claims(gold_claims, pred_claims)
        matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
        errors = ArticleErrors(
            article_id,
            [c for i, c in enumerate(gold_claims) if i not in matched_g],
            [c for i, c in enumerate(pred_claims) if i not in matched_p],
            sorted(gold_ents - pred_ents), sorted(pred_ents - gold_ents),
        )
        if errors.missed_claims or errors.extra_claims or errors.missed_entities or errors.extra_entities:
            self.errors.append(errors)

    def as_dict(self) -> dict[str, Any]:
        c = self.claims
        return {
            "articles": self.articles,
            "seconds": self.seconds,
            "claims": {"overall": c.overall.as_dict(),
                       "by_measure": {m: v.as_dict() for m, v in sorted(c.by_measure.items())}},
            "claims_strict": {"overall": c.strict_overall.as_dict(),
                              "by_measure": {m: v.as_dict() for m, v in sorted(c.strict_by_measure.items())}},
            "entities": {"overall": self.entities_overall.as_dict(),
                         "by_type": {t: v.as_dict() for t, v in sorted(self.entities.items())}},
            "matched_claims": {"date": c.date.as_dict(), "scope": c.scope.as_dict(),
                               "period": c.period.as_dict(), "locations": c.locations.as_dict()},
            "targets": {name: {"target": target, "value": self.target_value(name)}
                        for name, target in TARGETS.items()},
        }

    def target_value(self, name: str) -> float | None:
        return {
            "claims_f1": self.claims.overall.f1, "entities_f1": self.entities_overall.f1,
            "date_accuracy": self.claims.date.value, "scope_accuracy": self.claims.scope.value,
        }[name]


# --------------------------------------------------------------------------- output

def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _rows(title: str, items: Iterable[tuple[str, Counts]]) -> list[str]:
    lines = [f"{title:<16}{'gold':>6}{'pred':>6}{'tp':>6}  {'prec':>5}  {'rec':>5}  {'f1':>5}"]
    for name, c in items:
        lines.append(f"{name:<16}{c.gold:>6}{c.predicted:>6}{c.tp:>6}  "
                     f"{_fmt(c.precision)}  {_fmt(c.recall)}  {_fmt(c.f1)}")
    return lines


def render_table(report: Report) -> str:
    """The human-readable eval table."""
    c = report.claims
    measures = [m.value for m in Measure if m.value in c.by_measure or m.value in c.strict_by_measure]
    out = [f"extraction eval: {report.articles} articles, {report.seconds:.2f} s", ""]
    out.append("strike claims (match on attacker, measure, weapon_class, value, is_reference)")
    out += _rows("measure", [(m, c.by_measure.get(m, Counts())) for m in measures] + [("overall", c.overall)])
    out.append("")
    out.append("strict (also qualifier, scope, date, weapon_model)")
    out += _rows("measure", [(m, c.strict_by_measure.get(m, Counts())) for m in measures]
                 + [("overall", c.strict_overall)])
    out.append("")
    out.append("entities (set of (type, canonical name) per article)")
    out += _rows("type", [(t.value, report.entities.get(t.value, Counts())) for t in EntityType]
                 + [("overall", report.entities_overall)])
    out.append("")
    out.append("on matched claims")
    for name in ("date", "scope", "period", "locations"):
        acc: Accuracy = getattr(c, name)
        out.append(f"  {name + ' accuracy':<20}{_fmt(acc.value)}  ({acc.correct}/{acc.total})")
    out.append("")
    out.append("targets (issue 4)")
    for name, target in TARGETS.items():
        value = report.target_value(name)
        verdict = "n/a" if value is None else ("ok" if value >= target else "BELOW")
        out.append(f"  {name:<20}{_fmt(value)}  target >= {target:.2f}  {verdict}")
    return "\n".join(out)


def render_errors(report: Report) -> str:
    lines: list[str] = []
    for err in report.errors:
        lines.append(f"== {err.article_id}")
        for claim in err.missed_claims:
            lines.append(f"  missed claim  {_claim_text(claim)}")
        for claim in err.extra_claims:
            lines.append(f"  extra claim   {_claim_text(claim)}")
        for etype, name in err.missed_entities:
            lines.append(f"  missed entity {etype}: {name}")
        for etype, name in err.extra_entities:
            lines.append(f"  extra entity  {etype}: {name}")
    return "\n".join(lines)


def _claim_text(claim: Mapping[str, Any]) -> str:
    parts = [f"{claim['attacker']} {claim['measure']} {claim['weapon_class']} {claim['value']}"]
    if claim["weapon_model"]:
        parts.append(f"model={claim['weapon_model']}")
    if claim["qualifier"] != "exact":
        parts.append(claim["qualifier"])
    parts.append(f"period={claim['period'][0]}..{claim['period'][1]}" if claim["period"]
                 else f"date={claim['date']}")
    if claim["is_reference"]:
        parts.append("reference")
    if claim["locations"]:
        parts.append("@" + ",".join(claim["locations"]))
    return " ".join(parts)


# --------------------------------------------------------------------------- CLI

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of <id>.json articles with <id>.gold.json annotations")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--no-heldout", action="store_true",
                        help="score only the corpus (by default the held-out set is scored too)")
    parser.add_argument("--errors", action="store_true",
                        help="also list missed and extra claims/entities per article")
    parser.add_argument("--texts", type=Path,
                        help="folder of real-text <id>.txt files (with --gold: score the real-text "
                        "set, tests/data/extraction/realtext/README.md)")
    parser.add_argument("--gold", type=Path,
                        help="real-text gold annotations (.jsonl of {id, entities, strikes}); the "
                        "manifest.jsonl beside it gives each text's date and hash")


def main(args: argparse.Namespace) -> int:
    """Run the extractor over the corpus and print the scores; 2 if there is no extractor yet.
    With the default corpus, the held-out set is scored too, in a table of its own."""
    try:
        from services.extraction.extractor import extract  # lazy: the CLI's --help stays fast
    except ImportError as exc:
        print(f"strikewatch eval extract: the extractor is not available "
              f"(services.extraction.extractor.extract: {exc})", file=sys.stderr)
        return 2
    if getattr(args, "texts", None) is not None or getattr(args, "gold", None) is not None:
        return _main_realtext(args, extract)
    corpus: Path = args.corpus
    corpora = [corpus]
    if corpus == DEFAULT_CORPUS and not getattr(args, "no_heldout", False) and DEFAULT_HELDOUT.is_dir():
        corpora.append(DEFAULT_HELDOUT)
    reports: list[Report] = []
    for folder in corpora:
        report = _evaluate(folder, extract)
        if report is None:
            return 1
        reports.append(report)
    if getattr(args, "json", False):
        out = reports[0].as_dict()
        if len(reports) > 1:
            out["heldout"] = reports[1].as_dict()
        print(json.dumps(out, indent=2, sort_keys=True))
        return 0
    for folder, report in zip(corpora, reports, strict=True):
        if folder is not corpus:
            print(f"\n==== held-out set ({folder.name}/): written after the rules; first scores per batch, "
                  "before any fix, in its README ====\n")
        _print_report(report, getattr(args, "errors", False))
    return 0


def _print_report(report: Report, errors: bool) -> None:
    print(render_table(report))
    if errors and report.errors:
        print()
        print(render_errors(report))


def _main_realtext(args: argparse.Namespace, extract: Any) -> int:
    """`--texts DIR --gold FILE`: score the real-text gold whose texts are present and unchanged."""
    from services.extraction.realtext import MANIFEST_NAME, check, load_manifest

    if args.texts is None or args.gold is None:
        print("strikewatch eval extract: --texts and --gold go together", file=sys.stderr)
        return 2
    manifest_path = args.gold.parent / MANIFEST_NAME
    for path in (args.gold, manifest_path, args.texts):
        if not path.exists():
            print(f"strikewatch eval extract: {path} does not exist", file=sys.stderr)
            return 2
    golds = load_gold_lines(args.gold)
    entries = [e for e in load_manifest(manifest_path) if e.id in golds]
    unknown = sorted(set(golds) - {e.id for e in entries})
    if unknown:
        print(f"strikewatch eval extract: not in {manifest_path}: {', '.join(unknown)}",
              file=sys.stderr)
        return 2
    found = check(args.texts, entries)
    if found.missing or found.changed:
        print(f"note: scoring {len(found.ok)} of {len(entries)} articles: {len(found.missing)} texts "
              f"missing, {len(found.changed)} changed since annotation (`strikewatch realtext check`)",
              file=sys.stderr)
    if not found.ok:
        return 1
    report = evaluate_realtext(args.texts, found.ok, golds, extract)
    if getattr(args, "json", False):
        print(json.dumps(report.as_dict(), indent=2, sort_keys=True))
        return 0
    print(f"real-text set: {args.gold}")
    _print_report(report, getattr(args, "errors", False))
    return 0


def load_gold_lines(path: Path) -> dict[str, GoldArticle]:
    """A real-text gold file: one `{"id", "entities", "strikes"}` per line, validated."""
    out: dict[str, GoldArticle] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            article_id = str(raw.pop("id"))
            out[article_id] = GoldArticle.model_validate(raw)
    return out


def evaluate_realtext(texts: Path, entries: Sequence[Any], golds: Mapping[str, GoldArticle],
                      extract: Any) -> Report:
    """Score the extractor on real pages, each built as the feed producer builds an article."""
    from services.common.article_files import build_article
    from services.extraction.realtext import published_of, read_text

    articles = [build_article(feed="realtext", url=e.url, title="", text=read_text(texts, e),
                              published=published_of(e), article_id=e.id, language=e.language)
                for e in entries]
    return _score(articles, [golds[a.id] for a in articles], extract)


def _score(articles: Sequence[Any], golds: Sequence[GoldArticle], extract: Any) -> Report:
    """Run the extractor over the articles (timed) and score each against its gold."""
    report = Report()
    started = time.perf_counter()
    extractions = [extract(article) for article in articles]
    report.seconds = time.perf_counter() - started
    for article, gold, extraction in zip(articles, golds, extractions, strict=True):
        report.add_article(article.id, gold, extraction.strikes, extraction.entities)
    return report


def _evaluate(corpus: Path, extract: Any) -> Report | None:
    """The report of one corpus folder; None (after saying why) when it cannot be scored."""
    from services.common.article_files import load_articles

    paths = corpus_article_paths(corpus)
    if not paths:
        print(f"strikewatch eval extract: no articles in {corpus}", file=sys.stderr)
        return None
    missing = [p for p in paths if not gold_path_for(p).exists()]
    if missing:
        print(f"strikewatch eval extract: no gold file for {', '.join(p.name for p in missing)}",
              file=sys.stderr)
        return None
    articles = load_articles(paths, id_policy="file")
    return _score(articles, [load_gold(gold_path_for(p)) for p in paths], extract)
