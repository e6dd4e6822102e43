"""Builds articles.jsonl, the labelled dedup set, from the hand-written stories in stories.py.

Run `python tests/data/dedup/build_set.py` after editing stories.py or templated.py; the output is
committed and is what `strikewatch eval dedup` reads. Deterministic (seeded). Labels per article:
`{"kind": original|exact|near|revision|independent, "of": <id or null>, "story": <key>}`; the
templated nightly series (templated.py) follow, in publication order, labelled
`{"kind": original|republication, "of", "story", "series", "source", "night"}`: a 60-night Air
Force series and a mixed 30-night series of Air Force, MoD and wire reports.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from stories import NIGHTLY_FILL, NIGHTLY_TEMPLATE, STORIES
from templated import series

OUT = Path(__file__).with_name("articles.jsonl")
SYNONYMS = {
    "said": "stated", "attacked": "struck", "destroyed": "downed", "injured": "hurt",
    "wounded": "injured", "overnight": "during the night", "officials": "authorities",
    "damaged": "hit", "launched": "fired", "regional": "local", "about": "around",
    "building": "facility", "residents": "locals", "added": "noted", "repeatedly": "often",
    "people": "persons", "morning": "early hours", "several": "a number of",
}
BOILERPLATE_HEAD = ["By Staff Reporter", "KYIV (Wire) - "]
BOILERPLATE_TAIL = [
    "Photo: Emergency workers at the scene. (Photo: State Emergency Service)",
    "Subscribe to our newsletter to get the most important news every morning.",
    "Follow us on Telegram and Facebook.",
    "© 2025 Example Media. All rights reserved.",
]


def _edit(paragraphs: list[str], rng: random.Random, changes: int) -> list[str]:
    """Swap a few words for synonyms, like a copy editor adapting a wire story."""
    out = list(paragraphs)
    done = 0
    for _ in range(changes * 20):
        if done >= changes:
            break
        i = rng.randrange(len(out))
        words = out[i].split(" ")
        hits = [j for j, w in enumerate(words) if w.strip(",.") in SYNONYMS]
        if not hits:
            continue
        j = rng.choice(hits)
        bare = words[j].strip(",.")
        words[j] = words[j].replace(bare, SYNONYMS[bare])
        out[i] = " ".join(words)
        done += 1
    return out


def _rec(aid: str, url: str, title: str, paragraphs: list[str], date: str, hour: int,
         kind: str, of: str | None, story: str) -> dict[str, object]:
    return {
        "id": aid, "url": url, "title": title, "text": "\n\n".join(paragraphs),
        "published": f"{date}T{hour:02d}:00:00Z", "label": {"kind": kind, "of": of, "story": story},
    }


def build() -> list[dict[str, object]]:
    rng = random.Random(7)
    originals: list[dict[str, object]] = []
    variants: list[dict[str, object]] = []
    for s in STORIES:
        key, date = str(s["key"]), str(s["date"])
        wire: list[str] = list(s["wire"])  # type: ignore[arg-type]
        other: list[str] = list(s["other"])  # type: ignore[arg-type]
        wid = f"{key}-wire"
        originals.append(_rec(wid, f"https://wire.example/{key}", str(s["wire_title"]), wire,
                              date, 6, "original", None, key))
        oid = f"{key}-other"
        originals.append(_rec(oid, f"https://other.example/{key}", str(s["other_title"]), other,
                              date, 7, "independent", None, key))
        v = [
            ("copy", str(s["wire_title"]), wire, "exact"),
            ("boiler", str(s["wire_title"]), [BOILERPLATE_HEAD[0], BOILERPLATE_HEAD[1] + wire[0],
                                              *wire[1:], *BOILERPLATE_TAIL], "exact"),
            ("caption", str(s["wire_title"]).upper(), [*wire[:2], BOILERPLATE_TAIL[0], *wire[2:]],
             "exact"),
            ("headline-drop", f"{key.replace('-', ' ').title()}: what we know", wire[:-1], "near"),
            ("drop-middle", str(s["wire_title"]), wire[:2] + wire[3:], "near"),
            ("edited", str(s["wire_title"]), _edit(wire, rng, 4), "near"),
            ("edited-heavy", str(s["wire_title"]), _edit(wire[:-1], rng, 7), "near"),
            ("local-note", str(s["wire_title"]),
             [*wire, "Our newsroom will update this story as more details become known."], "near"),
        ]
        for n, (tag, title, paras, kind) in enumerate(v):
            variants.append(_rec(f"{key}-{tag}", f"https://outlet{n}.example/news/{key}", title,
                                 paras, date, 8 + n, kind, wid, key))
        # the wire updates its own story at the same URL: corrected figures
        revised = [p.replace(" two ", " three ", 1) for p in wire]
        revised[0] = revised[0].rstrip(".") + ", updating an earlier toll."
        variants.append(_rec(wid, f"https://wire.example/{key}", str(s["wire_title"]), revised,
                             date, 18, "revision", wid, key))
        variants.append(_rec(f"{key}-other-copy", f"https://aggregator.example/{key}",
                             str(s["other_title"]), [*other, BOILERPLATE_TAIL[1]], date, 19, "exact",
                             oid, key))
    for n, fill in enumerate(NIGHTLY_FILL):
        drones = 80 + 37 * n
        figures = {"day": 21 + n, "drones": drones, "down": drones - 9 - n, "hits": 9 + n,
                   "sites": 4 + n, "debris": 2 + n, **fill}
        paras = [p.format(**figures) for p in NIGHTLY_TEMPLATE]
        key = f"night-{21 + n}"
        originals.append(_rec(f"{key}-airforce", f"https://airforce.example/{key}",
                              f"Air defence downs {figures['down']} of {drones} drones",
                              paras, f"2025-10-{21 + n}", 9, "original", None, key))
        if n % 2 == 0:
            variants.append(_rec(f"{key}-repost", f"https://outlet9.example/{key}",
                                 f"{drones} drones overnight", [*paras, BOILERPLATE_TAIL[2]],
                                 f"2025-10-{21 + n}", 10, "exact", f"{key}-airforce", key))
    return originals + variants + templated_series()


TEMPLATED = (("airforce-60", ("airforce",), dt.date(2026, 3, 1), 60, 11),
             ("mixed-30", ("airforce", "mod", "wire"), dt.date(2026, 6, 1), 30, 12))


def templated_series() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for name, sources, first, nights, seed in TEMPLATED:
        for r, label in series(sources, first, nights, seed, name):
            story = f"{label['series']}-{label['source']}-{label['night']}"
            out.append({"id": r.id, "url": r.url, "title": r.title, "text": r.text,
                        "published": r.published.isoformat(), "label": {**label, "story": story}})
    return out


if __name__ == "__main__":
    records = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    print(f"wrote {len(records)} articles to {OUT}")
