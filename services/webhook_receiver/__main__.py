"""`python -m services.webhook_receiver`: the local analyst endpoint of `make run`.

Needs STRIKEWATCH_WEBHOOK_SECRET (a `whsec_` + base64 secret shared with the alerting service's
receiver entry). Without it the receiver refuses to start: it would accept nothing anyway, and it
never invents a secret of its own.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from aiohttp import web
from pydantic import SecretStr
from standardwebhooks.webhooks import Webhook

from services.runtime.logs import configure_logging
from services.runtime.settings import RuntimeSettings
from services.webhook_receiver.seen import SeenIds
from services.webhook_receiver.server import DEFAULT_KEEP_S, create_receiver_app

log = logging.getLogger("services.webhook_receiver")


class ReceiverSettings(RuntimeSettings):
    webhook_secret: SecretStr | None = None
    """STRIKEWATCH_WEBHOOK_SECRET: whsec_<base64>, the same value the alerting service signs with
    (two, space-separated, while a secret is rotated: either one verifies)."""
    webhook_receiver_jsonl: Path | None = None
    """STRIKEWATCH_WEBHOOK_RECEIVER_JSONL: also append every accepted alert to this file."""
    webhook_receiver_seen_keep_s: float = DEFAULT_KEEP_S
    """STRIKEWATCH_WEBHOOK_RECEIVER_SEEN_KEEP_S: how long accepted ids survive, restarts included
    (never less than the 300 s signature tolerance, or a restart would reopen the replay window)."""

    def seen_ids_path(self) -> Path:
        """`<data_dir>/webhook_receiver/seen_ids.jsonl`: the accepted ids' append-only log."""
        return self.data_dir / "webhook_receiver" / "seen_ids.jsonl"


def main() -> int:
    settings = ReceiverSettings()
    configure_logging(settings.log_level, settings.log_json)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # one printed line per alert is enough
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not secret.split():
        log.error("STRIKEWATCH_WEBHOOK_SECRET is not set: the receiver cannot verify signatures and "
                  "will not start. Set it to the whsec_ secret the alerting service uses.")
        return 2
    try:
        for key in secret.split():
            Webhook(key)
    except Exception as exc:  # noqa: BLE001 - a malformed secret is a config error, said plainly
        log.error("STRIKEWATCH_WEBHOOK_SECRET is not a valid whsec_<base64> secret: %s", exc)
        return 2
    seen_path = settings.seen_ids_path()
    try:
        seen = SeenIds(seen_path, keep_s=settings.webhook_receiver_seen_keep_s)
    except OSError as exc:
        log.error("cannot keep accepted webhook-ids in %s: %s", seen_path, exc)
        return 2
    log.info("remembering %d accepted webhook-id(s) from %s (kept %.0f s)", len(seen), seen_path, seen.keep_s)
    app = create_receiver_app(secret, jsonl=settings.webhook_receiver_jsonl, seen=seen)
    port = settings.port_for("webhook_receiver")
    log.info("webhook receiver on http://%s:%d/webhook (metrics on /metrics)", settings.web_host, port)
    web.run_app(app, host=settings.web_host, port=port, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
