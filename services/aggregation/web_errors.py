"""aiohttp middleware: every error of the web server is a JSON body, never aiohttp's text page or
a traceback (404 of an unknown path, 405, and 500 of an unexpected failure, which is logged)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json(status: int, error: str) -> web.Response:
    return web.Response(text=json.dumps({"error": error}), status=status, content_type="application/json")


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        reason = f"no such path: {request.path}" if exc.status == 404 else exc.reason
        response = _json(exc.status, reason)
        if exc.status == 405 and "Allow" in exc.headers:
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except Exception:  # the one place that turns a bug into a 500 the client can read
        log.exception("web request %s %s failed", request.method, request.path_qs)
        return _json(500, "internal error (logged by the aggregation service)")
    # aiohttp's static files answer a missing file with a returned, not raised, HTTPNotFound
    if response.status >= 400 and response.content_type != "application/json":
        return _json(response.status, f"no such path: {request.path}" if response.status == 404
                     else response.reason or "error")
    return response
