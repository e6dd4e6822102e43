import pytest

from services.alerting.rules import Rule, RuleSet


@pytest.fixture
def spike_rules() -> RuleSet:
    return RuleSet(repeat_interval_s=4 * 3600, rules=[
        Rule(name="drones_spike", detector="spike", attacker="RU", weapon_class="drones",
             min_value=100, critical_score=6.0),
    ])
