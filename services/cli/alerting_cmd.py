"""`strikewatch baseline import`, `strikewatch backtest`, `strikewatch alerts redeliver`.

Cold start: `baseline import` merges a history CSV into <data_dir>/alerting/baseline.csv, which
the alerting service loads at start (before any stream record), so the rules have their
28/90 nights of history from day one. It does not produce to `strikes.daily`: that topic belongs
to the aggregation service and a baseline row there would look like a fresh count of a night.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from services.alerting.backtest import backtest, backtest_row
from services.alerting.rules import DEFAULT_RULES, load_rules
from services.alerting.series import HistoryStore, Observation, read_history_csv, write_history_csv
from services.cli.errors import EXIT_USAGE, one_line


def _baseline_import(args: argparse.Namespace) -> int:
    from services.alerting.settings import AlertingSettings

    settings = AlertingSettings()
    target = Path(args.to) if args.to else settings.baseline_path()
    try:
        incoming = list(read_history_csv(Path(args.file)))
    except (OSError, ValueError) as exc:
        print(f"strikewatch baseline import: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    merged: dict[tuple[str, str], Observation] = {}
    if target.exists() and not args.replace:
        merged = {(str(o.series), o.night.isoformat()): o for o in read_history_csv(target)}
    for obs in incoming:
        merged[(str(obs.series), obs.night.isoformat())] = obs
    rows = write_history_csv(target, sorted(merged.values(), key=lambda o: (o.night, str(o.series))))
    series = {k[0] for k in merged}
    print(f"imported {len(incoming)} rows from {args.file}; {target} now holds {rows} nights over "
          f"{len(series)} series (the alerting service loads it at start)")
    return 0


def _backtest(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.rules)
        observations = list(read_history_csv(Path(args.history)))
    except (OSError, ValueError) as exc:
        print(f"strikewatch backtest: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    count = 0
    for alert in backtest(observations, rules):
        print(json.dumps(backtest_row(alert), ensure_ascii=False))
        count += 1
    store = HistoryStore()
    for obs in observations:
        store.update(obs)
    print(f"{count} alert changes over {len(store)} series-nights ({len(store.series())} series)",
          file=sys.stderr)
    return 0


def _redeliver(args: argparse.Namespace) -> int:
    from services.alerting.redeliver import redeliver

    return asyncio.run(redeliver(receivers_path=args.receivers, dry_run=args.dry_run,
                                 idle_timeout_s=args.idle_timeout))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `baseline import`, `backtest` and `alerts redeliver`."""
    baseline = subparsers.add_parser("baseline", help="load nightly history for the alert rules")
    bsub = baseline.add_subparsers(dest="action", required=True)
    imp = bsub.add_parser("import", help="merge a history CSV (date,attacker,weapon_class,launched,"
                          "intercepted[,oblast]) into the alerting service's baseline file")
    imp.add_argument("file", help="history CSV to merge (one row per night and series)")
    imp.add_argument("--to", help="baseline file (default: <data_dir>/alerting/baseline.csv)")
    imp.add_argument("--replace", action="store_true", help="replace the baseline instead of merging")
    imp.set_defaults(func=_baseline_import)

    bt = subparsers.add_parser("backtest", help="run the alert rules over a history CSV, no Kafka; "
                               "one JSON line per alert change")
    bt.add_argument("--history", required=True,
                    help="history CSV (same columns as `baseline import`) to replay night by night")
    bt.add_argument("--rules", default=str(DEFAULT_RULES),
                    help="alert rules YAML (default: the packaged rules.yaml)")
    bt.set_defaults(func=_backtest)

    alerts = subparsers.add_parser("alerts", help="alert delivery tools")
    asub = alerts.add_subparsers(dest="action", required=True)
    red = asub.add_parser("redeliver", help="replay alerts.dlq records to their receivers "
                          "(same webhook-id: receivers drop what they already have)")
    red.add_argument("--receivers", help="receivers YAML (default: STRIKEWATCH_ALERTING_RECEIVERS "
                     "or the packaged receivers.yaml)")
    red.add_argument("--dry-run", action="store_true", help="list the records, deliver nothing")
    red.add_argument("--idle-timeout", type=float, default=10.0,
                     help="give up reading alerts.dlq after this many seconds without progress")
    red.set_defaults(func=_redeliver)
