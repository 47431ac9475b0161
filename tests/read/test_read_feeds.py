from __future__ import annotations

import io

from tidings.model import Article, Problem
from tidings.read.feeds import looks_like_feed, read_feed

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Balkan Ledger</title>
  <link>https://ledger.example/</link>
  <description>News from Southeast Europe</description>
  <item>
    <title>Serbia and Kosovo leaders meet in Brussels</title>
    <link>https://ledger.example/2023/06/serbia-kosovo-talks</link>
    <guid isPermaLink="false">ledger-2023-0619-01</guid>
    <pubDate>Mon, 19 Jun 2023 22:40:00 +0200</pubDate>
    <description>Vucic and Kurti met EU envoy Miroslav Lajcak.</description>
    <content:encoded><![CDATA[<p>Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti
      met in <b>Brussels</b> on Monday for talks mediated by the European Union.</p>
      <p>EU envoy Miroslav Lajcak said the two leaders had agreed to meet again in July.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Protests in Skopje over name dispute</title>
    <link>https://ledger.example/2023/06/skopje-protests</link>
    <pubDate>Sun, 18 Jun 2023 09:15:00 +0200</pubDate>
    <description>&lt;p&gt;Thousands of people marched through Skopje on Sunday to protest
      constitutional changes demanded by &lt;em&gt;Bulgaria&lt;/em&gt;.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Watch: the summit in pictures</title>
    <link>https://ledger.example/2023/06/gallery</link>
  </item>
  <item>
    <title>Montenegro names new government</title>
    <pubDate>sometime in June</pubDate>
    <description>Montenegro's parliament approved a new government led by Milojko Spajic.</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Pacific Wire</title>
  <id>urn:uuid:5a0e1a6e-9c70-4c1a-8a7a-1d6f0d3d2f10</id>
  <updated>2023-06-20T03:00:00Z</updated>
  <entry>
    <title>Fiji and Australia sign policing pact</title>
    <id>tag:pacificwire.example,2023:fiji-australia</id>
    <link href="https://pacificwire.example/fiji-australia"/>
    <published>2023-06-20T01:30:00+12:00</published>
    <updated>2023-06-20T04:00:00+12:00</updated>
    <summary>Fiji signed a policing agreement with Australia.</summary>
    <content type="html">&lt;p&gt;Fiji and Australia signed a policing agreement in Suva on Tuesday.&lt;/p&gt;
      &lt;p&gt;Prime Minister Sitiveni Rabuka called it a partnership among family.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Solomon Islands leader visits Beijing</title>
    <id>tag:pacificwire.example,2023:sogavare-beijing</id>
    <updated>Mon, 10 Jul 23 08:00:00 GMT</updated>
    <content type="text">Prime Minister Manasseh Sogavare arrived in Beijing for a five-day visit.</content>
  </entry>
</feed>
"""


def read(data: bytes, origin: str = "ledger.rss", **options) -> list[Article | Problem]:
    return list(read_feed(io.BytesIO(data), origin=origin, **options))


def test_rss_items_become_articles_with_full_content_as_plain_text() -> None:
    first = read(RSS)[0]
    assert first == Article(
        text=(
            "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti met in Brussels on "
            "Monday for talks mediated by the European Union.\n"
            "EU envoy Miroslav Lajcak said the two leaders had agreed to meet again in July."
        ),
        id="ledger-2023-0619-01",
        date="2023-06-19",
        title="Serbia and Kosovo leaders meet in Brussels",
        url="https://ledger.example/2023/06/serbia-kosovo-talks",
        outlet="The Balkan Ledger",
        origin="ledger.rss#1",
    )


def test_rss_item_without_content_uses_its_summary() -> None:
    second = read(RSS)[1]
    assert second.text == (
        "Thousands of people marched through Skopje on Sunday to protest constitutional "
        "changes demanded by Bulgaria."
    )
    assert (second.date, second.origin) == ("2023-06-18", "ledger.rss#2")


def test_item_without_text_is_reported_and_the_others_are_read() -> None:
    found = read(RSS)
    assert [type(item).__name__ for item in found] == ["Article", "Article", "Problem", "Problem", "Article"]
    assert (found[2].code, found[2].origin) == ("TID106", "ledger.rss#3")


def test_item_with_an_unreadable_date_is_reported_and_kept_without_one() -> None:
    date_problem, article = read(RSS, date="2023-06-30")[3:]
    assert (date_problem.code, date_problem.origin) == ("TID112", "ledger.rss#4")
    assert article.date is None
    assert article.text.startswith("Montenegro's parliament approved")


def test_atom_entries_become_articles() -> None:
    first, second = read(ATOM, origin="pacific.atom")
    assert first.text == (
        "Fiji and Australia signed a policing agreement in Suva on Tuesday.\n"
        "Prime Minister Sitiveni Rabuka called it a partnership among family."
    )
    assert (first.id, first.url, first.outlet) == (
        "tag:pacificwire.example,2023:fiji-australia",
        "https://pacificwire.example/fiji-australia",
        "Pacific Wire",
    )
    assert first.date == "2023-06-20"  # published, as written, wins over updated
    assert second.text == "Prime Minister Manasseh Sogavare arrived in Beijing for a five-day visit."
    # A two-digit year tidings cannot read itself, which feedparser can.
    assert second.date == "2023-07-10"


def test_items_without_a_date_get_the_default() -> None:
    feed = RSS.replace(b"<pubDate>Mon, 19 Jun 2023 22:40:00 +0200</pubDate>", b"")
    assert read(feed, date="2023-06-30")[0].date == "2023-06-30"


def test_too_long_item_is_reported_and_the_others_are_read() -> None:
    found = read(RSS, max_chars=120)
    assert (found[0].code, found[0].origin) == ("TID104", "ledger.rss#1")
    assert isinstance(found[1], Article)


def test_broken_feed_without_items_is_reported() -> None:
    [found] = read(b'<?xml version="1.0"?><rss version="2.0"><channel><title>The Balkan Ledger</ti')
    assert (found.code, found.origin) == ("TID108", "ledger.rss")


def test_truncated_feed_gives_the_items_before_the_break() -> None:
    found = read(RSS[: RSS.index(b"<title>Watch")])
    assert [item.origin for item in found][:2] == ["ledger.rss#1", "ledger.rss#2"]


def test_a_document_that_is_not_a_feed_is_reported() -> None:
    [found] = read(b"<html><body><p>Not a feed</p></body></html>")
    assert found.code == "TID108"


def test_an_empty_feed_file_is_reported() -> None:
    [found] = read(b"")
    assert (found.code, found.origin) == ("TID101", "ledger.rss")


def test_feeds_are_told_from_other_xml_by_their_root_element() -> None:
    assert looks_like_feed(RSS[:300])
    assert looks_like_feed(ATOM[:300])
    assert looks_like_feed(b'<?xml version="1.0"?>\n<!-- exported -->\n<rdf:RDF xmlns:rdf="x"><channel>')
    assert not looks_like_feed(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/"><url>')
    assert not looks_like_feed(b'<?xml version="1.0"?><!DOCTYPE note><note><feed>not the root</feed></note>')
