"""A gate never hides a match: gated and plain patterns agree on text built from their own words.

The gates' word lists are written by hand next to each pattern; this test builds many short
phrases from the words of the patterns themselves (so matches are frequent) and checks that
every gate answers exactly as its pattern would.
"""

from __future__ import annotations

import random
import re

import pytest

from services.extraction import lexicon
from services.extraction.claims import measure_rules, phrases
from services.extraction.gates import Needles, Suffixes

GATES = {f"{module.__name__.rsplit('.', 1)[-1]}.{name}": gate
         for module in (lexicon, phrases, measure_rules) for name, gate in vars(module).items()
         if isinstance(gate, Needles | Suffixes)}
FILLER = ["the", "a", "of", "and", "in", "5", "12", "drones", "people", "said", ",", ":", "-", "x",
          "kyiv's", "up", "to", "than", "on", "from"]


def _phrases(gate: Needles | Suffixes, count: int, seed: int) -> list[str]:
    source = re.sub(r"\\[a-zA-Z]", " ", gate.pattern.pattern)  # drop \b, \s, \w
    words = sorted(set(re.findall(r"[a-z][a-z'-]+", source))) + FILLER
    rng = random.Random(seed)
    out = []
    ends = list(gate.suffixes if isinstance(gate, Suffixes) else gate.needles)
    for _ in range(count):
        phrase = " ".join(rng.choice(words) for _ in range(rng.randint(1, 7)))
        if rng.random() < 0.5:  # end on a gate word half of the time: the gate must then let it through
            phrase += " " + rng.choice(ends)
        out.append(phrase + rng.choice(["", " ", "  ", ", ", " 40 drones"]))
    return out


def test_every_costly_cue_is_gated() -> None:
    assert len(GATES) >= 15


@pytest.mark.parametrize("name", sorted(GATES))
def test_gate_agrees_with_its_pattern(name: str) -> None:
    gate = GATES[name]
    matched = 0
    for phrase in _phrases(gate, 4000, seed=len(name)):
        plain = gate.pattern.search(phrase)
        gated = gate.search(phrase)
        assert (plain and plain.span()) == (gated and gated.span()), (name, phrase)
        matched += plain is not None
        if isinstance(gate, Needles):
            assert gate.findall(phrase) == gate.pattern.findall(phrase)
    assert matched > 0, name  # the phrases do exercise the pattern


def test_an_empty_start_is_refused_when_the_gate_is_built():
    """An empty start would let the pattern be tried everywhere: an error, also under python -O."""
    with pytest.raises(ValueError, match="empty start"):
        Needles(re.compile("x"), ["x"], starts=["", "y"])
