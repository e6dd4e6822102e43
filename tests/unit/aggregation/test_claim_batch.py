"""`strikes.claims` records: one ClaimBatch per article; aggregation unpacks and regroups them."""

from __future__ import annotations

from schemas.extraction import ClaimBatch, claim_batches
from services.aggregation.app import group_by_attacker
from services.aggregation.resolve import Resolver
from tests.support.claims import claim


def test_a_batch_unpacks_into_the_claims_with_stable_ids() -> None:
    msgs = [claim(50, article="a", index=0), claim(3, "launched", "missiles", article="a", index=1),
            claim(40, article="b", revision=2, index=0)]
    batches = claim_batches(msgs)
    assert [(b.article_id, b.revision, len(b.claims)) for b in batches] == [("a", 0, 2), ("b", 2, 1)]
    unpacked = [m for b in batches for m in b.messages()]
    assert [m.claim_id for m in unpacked] == ["a:0:0", "a:0:1", "b:2:0"]
    assert [m.model_dump(exclude={"claim_id"}) for m in unpacked] == [
        m.model_dump(exclude={"claim_id"}) for m in msgs]
    # the wire form round-trips
    assert ClaimBatch.model_validate_json(batches[0].model_dump_json()) == batches[0]


def test_resolving_batches_gives_the_events_of_the_single_claims() -> None:
    msgs = [claim(539, article="k"), claim(11, weapon_class="missiles", article="k"),
            claim(550, weapon_class="total", article="w", outlet="reuters.com"),
            claim(60, attacker="UA", article="k")]
    one_by_one, batched = Resolver(), Resolver()
    one_by_one.add_all(msgs)
    batched.add_all(m for b in claim_batches(msgs) for m in b.messages())
    # the same events; only the claim ids in `sources` are the batch's (article:revision:index)
    dump = {"updated_at": True, "sources": {"__all__": {"claim_id"}}}
    assert [e.model_dump(exclude=dump) for e in batched.events()] == [
        e.model_dump(exclude=dump) for e in one_by_one.events()]
    assert len(batched.events()[0].sources) == 3


def test_an_articles_claims_are_forwarded_per_attacker_in_order() -> None:
    msgs = [claim(1, article="k"), claim(2, attacker="UA", article="k"), claim(3, article="k")]
    groups = group_by_attacker(msgs)
    assert {a: [m.claim.value for m in g] for a, g in groups.items()} == {"RU": [1, 3], "UA": [2]}
