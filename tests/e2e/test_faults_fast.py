"""The fault suite's fast subset in `make test` (the whole suite: `make faults`, faults/).

Scenarios on the session broker, the whole stack as processes each time: the sample input with
poison records interleaved and dedup killed with SIGKILL once it handles input; the alert receivers
down for FAST_OUTAGE_S (not the suite's 10 minutes) with alerting killed while its deliveries fail;
hostile inbox files. Without a clean run to compare with, each run is checked against itself:
every valid article that reached `articles.raw` has a verdict, no webhook-id is delivered twice,
every poison record the broker took is dead-lettered, the scenario's own checks hold, nothing
crashed, and the pipeline settled (lag 0) again.
"""

from __future__ import annotations

import pytest

from faults.brokers import Shared
from faults.compare import compare
from faults.run import run_scenario
from faults.scenarios import HOSTILE_INBOX, Scenario, kill9, outage

pytestmark = pytest.mark.e2e

POISON = 140
FAST_OUTAGE_S = 20.0


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


@pytest.mark.parametrize("scenario", [outage(FAST_OUTAGE_S), HOSTILE_INBOX], ids=["receiver-outage", "hostile-inbox"])
def test_scenario_checks_hold_and_nothing_is_lost_doubled_or_crashed(session_broker, tmp_path, scenario: Scenario):
    bootstrap, kind = session_broker
    outcome, notes = run_scenario(Shared(bootstrap, kind), tmp_path / "run", fault=scenario.fault,
                                  check=scenario.check, retry=scenario.retry)
    verdict = compare(outcome)
    print(f"\n[faults] {kind}: {scenario.name}: {verdict} {notes}")
    assert not [n for n in notes if "struck anyway" in n or "not settled" in n], notes
    assert (verdict.lost, verdict.duplicated, verdict.broken) == (0, 0, 0), verdict.details
    assert outcome.crashed == []
