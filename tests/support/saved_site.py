"""The team's saved pages (tests/data/feed_producer) served by pytest-httpserver on real sockets:
a Telegram channel's preview pages, a news site's robots.txt, article pages and summary feed."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from services.common.checkout import TEST_DATA

DATA = TEST_DATA / "feed_producer"
CHANNEL = "strikewatch_test"
PREVIEW_PATH = f"/s/{CHANNEL}"
ROBOTS = "User-agent: *\nDisallow: /members/\n"


class SavedSite:
    """Serves the pages; `newest` names the preview page served for the newest posts (switch it to
    `page_newest_edited.html` to publish an edit). The newest page carries an ETag and answers a
    matching If-None-Match with 304, as a conditional GET should."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.newest = "page_newest.html"
        server.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
        server.expect_request(PREVIEW_PATH).respond_with_handler(self._preview)
        story = (DATA / "articles" / "full_story.html").read_bytes()
        server.expect_request("/news/night-of-drones").respond_with_data(story, content_type="text/html")
        server.expect_request("/news/removed-story").respond_with_data("gone", status=404)
        server.expect_request("/members/locked-story").respond_with_data(story, content_type="text/html")
        feed = (DATA / "articles" / "summary_feed.rss").read_text().replace("{base}", self.base)
        server.expect_request("/feed.rss").respond_with_data(feed, content_type="application/rss+xml")

    @property
    def base(self) -> str:
        return self.server.url_for("").rstrip("/")

    @property
    def preview_url(self) -> str:
        return self.server.url_for(PREVIEW_PATH)

    @property
    def feed_url(self) -> str:
        return self.server.url_for("/feed.rss")

    def _preview(self, request: Request) -> Response:
        before = request.args.get("before")
        name = self.newest if before is None else f"page_before_{before}.html"
        path = DATA / "telegram" / name
        if not path.exists():
            return Response("no such page", status=404)
        etag = f'"{name}"'
        if before is None and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(path.read_bytes(), content_type="text/html; charset=utf-8", headers={"ETag": etag})

    def requests_to(self, path: str) -> list[Request]:
        return [r for r, _ in self.server.log if r.path == path]
