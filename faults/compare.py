"""What a faulty run lost or duplicated, compared with a clean run over the same input.

Pure functions over `Outcome`s, so the rules are tested without a stack (tests/unit/fault_suite).
Lost counts what an analyst or a receiver would miss: a valid article with no dedup verdict, a
day row (per attacker, weapon class and region) that differs from the clean run or is missing,
a poison record neither dead-lettered nor refused by the broker, and what a scenario's own check
found lost (an alert never delivered). Broken counts a scenario's other expectations that did
not hold (a file outside the inbox read or written, a bad inbox file not rejected). Duplicated
counts what a receiver would see twice: a webhook-id delivered to the recorder more than once.
An article published on
`articles.unique` again (at-least-once after a kill -9: dedup re-reads what it had not committed)
is named in the details but not counted: it is not seen downstream unless it changes a day row,
which the day rows count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """Ground truth of one run, read after it settled."""

    articles: set[str] = field(default_factory=set)
    """ids of the valid articles on `articles.raw`"""
    verdicts: Counter[str] = field(default_factory=Counter)
    """dedup verdicts per article id"""
    uniques: Counter[str] = field(default_factory=Counter)
    """`articles.unique` records per article id"""
    days: set[str] = field(default_factory=set)
    """the aggregation API's day rows, each as canonical JSON without its update time"""
    webhooks: Counter[str] = field(default_factory=Counter)
    """deliveries to the recorder per webhook-id"""
    poison_sent: int = 0
    poison_refused: int = 0
    """refused by the broker (over its record size): never entered the pipeline"""
    dead_letters: int = 0
    """distinct poison records dead-lettered by dedup"""
    crashed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    """lost by the scenario's own check (an alert never delivered, an inbox file not read)"""
    broken: list[str] = field(default_factory=list)
    """the scenario's own expectations that did not hold (a file outside the inbox read, ...)"""
    ready_s: float | None = None
    settled_s: float | None = None


@dataclass(frozen=True)
class Verdict:
    lost: int
    duplicated: int
    broken: int = 0
    details: tuple[str, ...] = ()


def compare(run: Outcome, clean: Outcome | None = None) -> Verdict:
    """Lost and duplicated of `run`; without a clean run only what `run` shows by itself."""
    details: list[str] = []
    no_verdict = sorted(a for a in run.articles if run.verdicts[a] == 0)
    if clean is not None:
        no_verdict = sorted(set(no_verdict) | {a for a in clean.articles if run.verdicts[a] == 0})
    if no_verdict:
        details.append(f"{len(no_verdict)} articles without a verdict: {', '.join(no_verdict[:5])}")
    days_lost = len(clean.days - run.days) if clean is not None else 0
    if days_lost:
        details.append(f"{days_lost} of {len(clean.days)} day rows differ from the clean run")  # type: ignore[union-attr]
    poison_lost = max(0, run.poison_sent - run.poison_refused - run.dead_letters)
    if poison_lost:
        details.append(f"{poison_lost} poison records neither dead-lettered nor refused")
    baseline = clean.uniques if clean is not None else Counter()
    extra_uniques = sum(max(0, n - max(1, baseline[a])) for a, n in run.uniques.items())
    if extra_uniques:
        details.append(f"{extra_uniques} articles published on articles.unique again (not counted)")
    extra_hooks = sum(n - 1 for n in run.webhooks.values() if n > 1)
    if extra_hooks:
        details.append(f"{extra_hooks} webhook deliveries repeated an id")
    details += [*run.missed, *run.broken]
    return Verdict(len(no_verdict) + days_lost + poison_lost + len(run.missed), extra_hooks, len(run.broken),
                   tuple(details))
