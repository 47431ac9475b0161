"""News stories and input files for the store tests.

Each story is a different event, so that none of them folds into another as a copy;
``WIRE`` and ``SAME_EVENT`` are two outlets' own stories about one meeting.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings import Article
from tidings.coder import Coded

# A wire story about the Kenya–Ethiopia meeting of Monday 19 June 2023.
WIRE = """Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday, and \
the two leaders signed agreements on electricity trade and a new road to the border town of Moyale.

Ruto said Kenya would buy more power from Ethiopia's Grand Renaissance dam under the deal, which officials \
said was worth about $200 million a year.

The two governments also agreed to set up a joint commission on cattle raids along the frontier, where \
clashes between herders have killed dozens of people since January.

Kenya's foreign ministry said the leaders discussed the war in Sudan and called for an immediate ceasefire \
between the army and the Rapid Support Forces.

Trade between the two countries reached $150 million last year, a fraction of Kenya's trade with Uganda \
and Tanzania, and business groups have long complained about poor roads and slow customs checks at Moyale.

(Reporting by the Nairobi bureau; editing by the Africa desk)"""

# Another outlet's own story about the same meeting: the same event, written differently.
SAME_EVENT = """Abiy in Nairobi: power lines, a highway and a cattle-raid pact

Ethiopia's prime minister Abiy Ahmed held talks with President William Ruto in Nairobi on Monday, his \
first visit to Kenya since the Tigray peace deal was signed.

At a joint news conference at State House, the two men said Kenya will import more Ethiopian hydropower \
and that work on the Isiolo-Moyale highway would be finished by 2025.

Analysts said the visit was as much about Sudan as about trade. Both governments fear that fighting \
between Sudan's army and the paramilitary Rapid Support Forces could spill across their borders.

For herders in Marsabit county, the most important part of the visit may be a commission that will look \
into cattle raids. "We need peace more than we need roads," said one elder in Moyale."""

# One story per input format, each about a different event.
STORIES = {
    "text": """Japan and the Philippines held their first joint coast guard exercise off Manila Bay on \
Tuesday, weeks after Chinese vessels blocked a Philippine resupply mission in the South China Sea.

Philippine President Ferdinand Marcos Jr. said the drill showed that Manila would not stand alone. Japan's \
ambassador said Tokyo would deliver five more patrol boats next year.

China's foreign ministry accused the two countries of stirring up tension in the region.""",
    "csv": """Polish Prime Minister Donald Tusk accused Belarus on Wednesday of pushing migrants across the \
border and said Poland would send another 5,000 troops to the frontier.

Belarusian officials rejected the accusation and said Warsaw was looking for an enemy before the election.

Border guards said more than 200 people had tried to cross near the village of Dubicze Cerkiewne \
overnight.""",
    "html": """German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Thursday to \
patch up a quarrel over defence spending and energy prices.

The two leaders agreed to set up a joint working group on a European air defence shield, officials said.

Macron said Europe needed to be able to defend itself, while Scholz urged patience with partners that \
spend less.""",
    "rss": """Brazil and Argentina signed a deal on Friday to build a gas pipeline from the Vaca Muerta \
shale field to southern Brazil, ending months of wrangling over its financing.

Brazilian President Luiz Inacio Lula da Silva praised the accord as a step towards South American energy \
independence. Argentina's economy minister said the first gas could flow within three years.""",
    "warc": """Chilean President Gabriel Boric met Argentine President Alberto Fernandez in Santiago on \
Tuesday, and the two governments signed an agreement to coordinate their lithium mining policies.

The accord commits both countries to share geological data and to consult each other before changing \
royalty rules.

Mining companies welcomed the agreement, which they said would bring more predictable rules.""",
}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8"
    )
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def html_page(*, title: str, outlet: str, date: str, text: str) -> str:
    """A news page with navigation and a footer around the article, as outlets serve it."""
    paragraphs = "\n".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:00:00+01:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/europe">Europe</a></nav>
<main><article><h1>{title}</h1>{paragraphs}</article></main>
<footer><p>Copyright 2023 {outlet}. All rights reserved.</p></footer></body></html>"""


def rss_feed(items: list[dict]) -> str:
    """An RSS 2.0 feed whose items carry their full text in content:encoded."""
    entries = "\n".join(
        f"""<item><title>{item["title"]}</title><link>{item["url"]}</link>
<guid>{item["id"]}</guid><pubDate>{item["date"]}</pubDate>
<content:encoded><![CDATA[{item["text"]}]]></content:encoded></item>"""
        for item in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Global Ledger</title><link>https://globalledger.example/</link><description>World news</description>
{entries}
</channel></rss>"""


def warc_archive(pages: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC of HTTP responses, one per (url, html) page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-06-21T06:15:00Z"},
            )
        )
    return out.getvalue()


def write_news_folder(folder: Path) -> Path:
    """A folder with one story in each format tidings reads: text, JSON lines, CSV, HTML, RSS and WARC."""
    folder.mkdir()
    (folder / "manila-drill.txt").write_text(STORIES["text"], encoding="utf-8")
    write_jsonl(
        folder / "wire.jsonl",
        [
            {
                "id": "mw-0619-kenya-ethiopia",
                "title": "Ruto and Abiy sign power deal",
                "text": WIRE,
                "date": "2023-06-19",
                "outlet": "Meridian Wire",
                "url": "https://meridianwire.example/2023/06/19/ruto-abiy",
            }
        ],
    )
    write_csv(
        folder / "desk.csv",
        [
            {
                "id": "desk-0621-poland",
                "date": "2023-06-21",
                "outlet": "Baltic Desk",
                "title": "Tusk sends troops to Belarus border",
                "text": STORIES["csv"],
            }
        ],
    )
    (folder / "scholz-macron.html").write_text(
        html_page(
            title="Scholz and Macron patch up quarrel",
            outlet="The Harbour Courier",
            date="2023-06-22",
            text=STORIES["html"],
        ),
        encoding="utf-8",
    )
    (folder / "ledger.rss").write_text(
        rss_feed(
            [
                {
                    "id": "gl-0623-pipeline",
                    "title": "Brazil and Argentina sign pipeline deal",
                    "url": "https://globalledger.example/2023/06/23/pipeline",
                    "date": "Fri, 23 Jun 2023 10:00:00 GMT",
                    "text": STORIES["rss"],
                }
            ]
        ),
        encoding="utf-8",
    )
    (folder / "crawl.warc.gz").write_bytes(
        warc_archive(
            [
                (
                    "https://andes.example/2023/06/20/lithium",
                    html_page(
                        title="Chile and Argentina sign lithium accord",
                        outlet="Andes Daily",
                        date="2023-06-20",
                        text=STORIES["warc"],
                    ),
                )
            ]
        )
    )
    return folder


def stored_tables(store) -> dict[str, list[tuple]]:
    """Every row a store holds about articles, events and who reported them, without write times."""
    return {
        "articles": store.con.execute(
            "SELECT id, seq, source, duplicate_of, similarity, mentions FROM articles ORDER BY seq"
        ).fetchall(),
        "events": store.con.execute("SELECT * EXCLUDE (added_at) FROM events ORDER BY id").fetchall(),
        "event_sources": store.con.execute("SELECT * FROM event_sources ORDER BY ALL").fetchall(),
        "actors": store.con.execute("SELECT * FROM actors ORDER BY code, name").fetchall(),
    }


class NoEventsCoder:
    """Stands in for the Coder where only articles matter: every article codes to no events, at once."""

    include_unrealized = False

    def __init__(self) -> None:
        self.coded: list[Article] = []

    def iter_code(self, records, *, workers: int = 1):
        for record in records:
            if isinstance(record, Article):
                self.coded.append(record)
                yield Coded(record, [])
            else:
                yield record
