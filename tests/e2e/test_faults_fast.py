"""The fault suite's fast subset in `make test` (the whole suite: `make faults`, faults/).

One scenario on the session broker: the whole stack as processes, the sample input with poison
records interleaved, dedup killed with SIGKILL once it handles input and started again. Without a
clean run to compare with, the run is checked against itself: every valid article that reached
`articles.raw` has a verdict, no article is published on `articles.unique` twice, no webhook-id is
delivered twice, every poison record the broker took is dead-lettered, nothing crashed, and the
pipeline settled (lag 0) again.
"""

from __future__ import annotations

import pytest

from faults.brokers import Shared
from faults.compare import compare
from faults.run import run_scenario
from faults.scenarios import kill9

pytestmark = pytest.mark.e2e

POISON = 140


def test_kill_9_of_dedup_mid_stream_with_poison_loses_and_repeats_nothing(session_broker, tmp_path):
    bootstrap, kind = session_broker
    outcome, notes = run_scenario(Shared(bootstrap, kind), tmp_path / "run", fault=kill9("dedup"),
                                  poison=POISON)
    verdict = compare(outcome)
    print(f"\n[faults] {kind}: kill -9 dedup + {POISON} poison: lost {verdict.lost}, duplicated "
          f"{verdict.duplicated}, ready {outcome.ready_s}, lag 0 after {outcome.settled_s} {notes}")
    assert not [n for n in notes if "struck anyway" in n or "not settled" in n], notes
    assert outcome.articles, "no article reached articles.raw"
    assert (verdict.lost, verdict.duplicated) == (0, 0), verdict.details
    assert outcome.crashed == []
    assert outcome.dead_letters == outcome.poison_sent - outcome.poison_refused > 0
