from services.common.normalise import canonical_url, clean_html_text, outlet_of


def test_html_becomes_paragraphs_without_breaking_inline_tags():
    text = clean_html_text(
        "<p>Russia launched <b>40</b>&nbsp;drones.</p><p>Second<br>line</p><script>x()</script>"
    )
    assert text == "Russia launched 40 drones.\n\nSecond\nline"


def test_unicode_is_nfc_and_whitespace_collapsed():
    decomposed = "Zelenskyi\u0306  said\r\n\r\n\r\nmore"  # i + combining breve
    assert clean_html_text(decomposed) == "Zelenskyĭ said\n\nmore"


def test_canonical_url_drops_tracking_and_fragment_and_sorts_query():
    url = "https://WWW.Example.com/news/a?utm_source=tw&b=2&a=1&fbclid=z#comments"
    assert canonical_url(url) == "https://www.example.com/news/a?a=1&b=2"
    assert canonical_url("  ") is None
    assert outlet_of("https://www.example.com/x") == "example.com"
