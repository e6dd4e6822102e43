"""Every named measure and scope rule decides its own example sentence: the example is the rule's test, so
a rule that stops firing, or a rule placed where an earlier one shadows it, fails here."""

from __future__ import annotations

import datetime as dt
import inspect
import re

import pytest

from schemas.article import Article
from services.extraction.claims import attribution
from services.extraction.claims.attribution import SCOPE_RULE_NAMES, SCOPE_RULES
from services.extraction.claims.measure_rules import RULES
from services.extraction.extractor import read_article

PUBLISHED = dt.datetime(2025, 6, 3, 9, 0, tzinfo=dt.UTC)


def _article(text: str) -> Article:
    return Article.model_construct(id="rule-example", feed="test", url="https://example.org/x", title="",
                                   text=text, published_at=PUBLISHED, fetched_at=PUBLISHED, language="en")


def test_rule_names_are_unique_and_examples_given() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.example.strip() and r.name.isidentifier() for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_decides_its_example(rule) -> None:  # noqa: ANN001
    drafts = read_article(_article(rule.example)).drafts
    fired = [d for d in drafts if d.measure_rule == rule.name]
    assert fired, (rule.name, [(d.value, d.measure.value, d.measure_rule) for d in drafts])
    assert fired[0].measure == rule.expect


def test_explain_names_the_scope_rule() -> None:
    drafts = read_article(_article("Over the past week Russia launched 1,200 drones against Ukraine.")).drafts
    assert [(d.value, d.scope_rule) for d in drafts] == [(1200, "own_period")]


@pytest.mark.parametrize("rule", SCOPE_RULES, ids=lambda r: r.name)
def test_scope_rule_decides_its_example(rule) -> None:  # noqa: ANN001
    drafts = read_article(_article(rule.example)).drafts
    fired = [d for d in drafts if d.scope_rule == rule.name]
    assert fired, (rule.name, [(d.value, d.scope.value, d.scope_rule) for d in drafts])
    assert fired[0].scope == rule.expect


def test_every_scope_rule_the_code_names_is_in_the_table() -> None:
    source = inspect.getsource(attribution)
    named = set(re.findall(r'(?:rule|return)\s*,?\s*=?\s*\(?"([a-z_]+)"', source))
    assert named and named <= SCOPE_RULE_NAMES, named - SCOPE_RULE_NAMES
