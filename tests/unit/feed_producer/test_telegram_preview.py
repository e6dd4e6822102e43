"""Reading saved channel previews (the team's own pages, t.me/s/ structure): one article per post."""


import pytest

from services.common.checkout import TEST_DATA
from services.feed_producer.feeds import FeedError
from services.feed_producer.telegram_preview import page_url, parse_preview, title_of

PAGES = TEST_DATA / "feed_producer" / "telegram"


def _page(name: str):
    return parse_preview((PAGES / name).read_bytes(), "tg-test")


def test_each_post_with_text_is_one_article_with_its_url_time_and_own_text():
    page = _page("page_newest.html")
    assert [post_id for post_id, _ in page.posts] == [101, 103, 104, 106]
    summary = dict(page.posts)[101]
    assert summary.url == "https://t.me/strikewatch_test/101" and summary.outlet == "t.me"
    assert summary.published_at.isoformat() == "2026-11-14T06:05:12+00:00"
    assert summary.feed == "tg-test"
    assert summary.title == "⚠ Тестове зведення за ніч на 14 листопада 2026 року"
    assert "атакував 52 ударними БпЛА" in summary.text and "збито/подавлено 47 БпЛА" in summary.text
    assert "\n\n" in summary.text  # <br/><br/> keeps paragraphs apart


def test_quoted_replies_link_previews_and_forward_headers_are_not_the_posts_text():
    posts = dict(_page("page_newest.html").posts)
    assert posts[103].text == "Уточнення до ранкового зведення: одна з ракет упала в полі, постраждалих немає."
    assert "blurb" not in posts[104].text and "Linked page title" not in posts[104].text
    assert posts[106].text.startswith("Regional test administration") and "Forwarded" not in posts[106].text


def test_posts_without_text_are_skipped_and_unreadable_ones_rejected_with_a_reason():
    page = _page("page_newest.html")
    assert page.without_text == 2  # 102 a photo without caption, 105 a service message
    [(item, reason)] = page.rejected
    assert item["data_post"] == "strikewatch_test/107" and "unreadable time" in reason
    assert "yesterday-ish" in item["html"]


def test_a_photo_caption_is_the_posts_text():
    posts = dict(_page("page_before_101.html").posts)
    assert posts[97].text == "Фото з місця падіння уламків, тестовий підпис до світлини."


def test_older_posts_link_gives_the_next_page_to_ask_for():
    assert _page("page_newest.html").before == 101
    assert _page("page_before_101.html").before == 96
    assert page_url("https://t.me/s/kpszsu", 101) == "https://t.me/s/kpszsu?before=101"
    assert page_url("http://127.0.0.1:8/s/x?before=7", 5) == "http://127.0.0.1:8/s/x?before=5"
    assert page_url("http://127.0.0.1:8/s/x?before=7", None) == "http://127.0.0.1:8/s/x"


def test_a_page_without_a_channel_preview_is_a_malformed_feed_carrying_its_body():
    body = (PAGES / "landing_page.html").read_bytes()
    with pytest.raises(FeedError) as err:
        parse_preview(body, "tg-test")
    assert err.value.kind == "malformed" and err.value.body == body


def test_long_first_lines_are_cut_at_a_word_for_the_title():
    line = "Слово " * 40
    title = title_of(line + "\nдругий рядок")
    assert len(title) <= 141 and title.endswith("Слово…")
    assert title_of("Short first line\nmore") == "Short first line"
