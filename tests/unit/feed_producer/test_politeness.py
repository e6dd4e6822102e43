"""Per-host rate limit and robots.txt (RFC 9309) for the pages the producer crawls."""

import httpx
import pytest

from services.feed_producer.feeds import FeedError
from services.feed_producer.fetch import Validators, fetch
from services.feed_producer.host_rate import HostRateLimiter
from services.feed_producer.polite import PoliteFetcher
from services.feed_producer.robots import RobotsCache


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_to_one_host_are_spaced_and_other_hosts_do_not_wait():
    clock = FakeClock()
    limiter = HostRateLimiter(2.0, clock, clock.sleep)
    assert limiter.wait("a.example") == 0
    assert limiter.wait("b.example") == 0
    clock.now += 0.5
    assert limiter.wait("a.example") == pytest.approx(1.5)
    assert limiter.wait("a.example", min_interval=5.0) == pytest.approx(2.0)  # the slot booked before
    assert limiter.wait("a.example") == pytest.approx(5.0)  # a Crawl-delay of 5 s spaced the next one


def _robots(answers: dict[str, bytes | FeedError], clock: FakeClock) -> tuple[RobotsCache, list[str]]:
    asked: list[str] = []

    def download(url: str) -> bytes:
        asked.append(url)
        answer = answers[url]
        if isinstance(answer, FeedError):
            raise answer
        return answer

    return RobotsCache(download, "StrikeWatch/0.1 (+x)", ttl=3600, retry_seconds=300, clock=clock), asked


def test_robots_rules_longest_match_wins_and_are_cached_per_site():
    clock = FakeClock()
    rules = b"User-agent: *\nAllow: /\nDisallow: /s/\nAllow: /s/open_*\nCrawl-delay: 3\n"
    cache, asked = _robots({"https://t.example/robots.txt": rules}, clock)
    assert not cache.allowed("https://t.example/s/kpszsu")
    assert cache.allowed("https://t.example/s/open_channel")  # longer Allow beats Disallow: /s/
    assert cache.allowed("https://t.example/kpszsu/1")
    assert cache.crawl_delay("https://t.example/x") == 3.0
    assert asked == ["https://t.example/robots.txt"]
    clock.now += 3601
    cache.allowed("https://t.example/x")
    assert len(asked) == 2


def test_robots_for_our_agent_name_applies():
    cache, _ = _robots(
        {"https://n.example/robots.txt": b"User-agent: StrikeWatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n"},
        FakeClock(),
    )
    assert not cache.allowed("https://n.example/story")


def test_missing_robots_allows_and_an_unreachable_one_disallows_until_retry():
    clock = FakeClock()
    cache, asked = _robots(
        {
            "https://gone.example/robots.txt": FeedError("http_4xx", "HTTP 404"),
            "https://down.example/robots.txt": FeedError("http_5xx", "HTTP 503"),
        },
        clock,
    )
    assert cache.allowed("https://gone.example/a")
    assert not cache.allowed("https://down.example/a")
    assert not cache.allowed("https://down.example/b")
    assert asked.count("https://down.example/robots.txt") == 1
    clock.now += 301
    cache.allowed("https://down.example/c")
    assert asked.count("https://down.example/robots.txt") == 2


def test_crawled_pages_must_be_readable_http_urls(settings, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("local file")
    with httpx.Client() as client:
        fetcher = PoliteFetcher(client, settings)
        for url in (f"file://{secret}", str(secret), "http://[bad/x", "http:///no-host"):
            with pytest.raises(FeedError) as err:
                fetcher.page(url)
            assert err.value.kind == "bad_url"
        with pytest.raises(FeedError) as err:
            fetch(client, "http://a\x00b/", Validators(), max_bytes=10, timeout=1)
        assert err.value.kind == "bad_url"


def test_pages_of_one_host_wait_for_the_rate_limit_robots_txt_included(settings, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/a").respond_with_data("<p>a</p>", content_type="text/html")
    clock = FakeClock()
    with httpx.Client() as client:
        fetcher = PoliteFetcher(client, settings.model_copy(update={"host_min_interval_seconds": 4.0}),
                                clock, clock.sleep)
        fetcher.page(httpserver.url_for("/a"))
        fetcher.page(httpserver.url_for("/a"))
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt", "/a", "/a"]
    assert clock.slept == [4.0, 4.0]  # robots.txt, then /a 4 s later, then /a again 4 s later
