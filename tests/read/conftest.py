"""Realistic inputs shared by the reader tests."""

from __future__ import annotations

import pytest

# A wire story as a news site serves it: menus, a cookie banner, a related-links box, reader comments,
# a results table and a footer around four paragraphs of article text.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kenya and Ethiopia agree to reopen border crossing | The Nairobi Courier</title>
  <meta property="og:site_name" content="The Nairobi Courier">
  <meta property="og:title" content="Kenya and Ethiopia agree to reopen border crossing">
  <meta property="article:published_time" content="2023-06-19T08:30:00+03:00">
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/africa">Africa</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  <main>
    <article>
      <h1>Kenya and Ethiopia agree to reopen border crossing</h1>
      <p>NAIROBI — Kenya and Ethiopia agreed on Monday to reopen the Moyale border crossing, closed since
      March after clashes between herders, the two governments said in a joint statement.</p>
      <p>The agreement was reached in Addis Ababa after two days of talks between Kenyan Foreign Minister
      Alfred Mutua and his Ethiopian counterpart, who pledged joint patrols along the frontier.</p>
      <p>Traders in Moyale welcomed the decision. "We have lost three months of business," said Halima
      Abdi, who sells livestock on both sides of the border.</p>
      <p>The ministers also promised to meet again in September to review security in the region, where
      drought has driven communities into competition over water and pasture.</p>
      <table><tr><th>Crossing</th><th>Status</th></tr><tr><td>Moyale</td><td>Reopening</td></tr></table>
    </article>
    <aside class="related"><h3>Related</h3><ul><li><a href="/a">Drought deepens in northern Kenya</a></li>
    <li><a href="/b">Ethiopia hosts regional security summit</a></li></ul></aside>
    <section id="comments" class="comments">
      <div class="comment"><p>Finally some good news for the traders of Moyale!</p></div>
      <div class="comment"><p>Will this agreement actually last? I doubt it.</p></div>
    </section>
  </main>
  <footer><p>Copyright 2023 The Nairobi Courier. All rights reserved.</p>
  <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


@pytest.fixture
def news_page() -> str:
    return NEWS_PAGE
