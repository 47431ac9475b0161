"""Folding mentions into events across the corpus, with the store's keys and counts.

A mention's ``event_id`` is already the store's key (``store.fold.event_key``: source, target,
CAMEO code, date, modality). As in ``store.fold``: an event takes its names and place from its
first mention (in input order), NumMentions counts mentions, NumArticles the articles they are in,
NumSources the sources of those articles and of the articles' copies, whose dates also set the
first and last seen; an actor keeps the country and sector of its first mention.
"""

from __future__ import annotations

import datetime as dt

from ..store.fold import LEAD_SENTENCES
from .schema import table


def mentions_of(coded):
    """The mentions table, with each mention's article seq, place in the article, source, date and URL."""
    from pyspark.sql import functions as F

    exploded = coded.select(
        "seq", "source", "published", "url", F.posexplode("events").alias("index", "mention")
    )
    return exploded.select(
        "seq",
        "index",
        F.col("source").alias("article_source"),
        F.col("published").alias("article_date"),
        F.col("url").alias("article_url"),
        "mention.*",
    )


def events_of(mentions, articles, *, now: dt.datetime):
    """The events table and the event_sources table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    first = Window.partitionBy("event_id").orderBy("seq", "index")
    described = [
        name
        for name in table("events").names
        if name in mentions.columns and name not in ("confidence", "url")
    ]
    heads = (
        mentions.withColumn("rank", F.row_number().over(first))
        .where("rank = 1")
        .select(
            F.col("event_id").alias("id"),
            *described,
            F.col("article_id").alias("first_article"),
            F.col("article_url").alias("url"),
        )
    )
    counts = mentions.groupBy(F.col("event_id").alias("id")).agg(
        F.count("*").cast("int").alias("num_mentions"),
        F.countDistinct("article_id").cast("int").alias("num_articles"),
        F.max(F.col("sentence_index") < LEAD_SENTENCES).alias("is_root"),
        F.max("confidence").alias("confidence"),
    )
    reported = mentions.select(
        "event_id", "article_id", F.col("article_source").alias("source"), F.col("article_date").alias("date")
    )
    copies = articles.where("duplicate_of IS NOT NULL").select(
        F.col("duplicate_of").alias("article_id"), "source", F.col("published").alias("date")
    )
    by_copies = reported.select("event_id", "article_id").distinct().join(copies, "article_id")
    pairs = reported.drop("article_id").unionByName(by_copies.drop("article_id"))
    seen = pairs.groupBy(F.col("event_id").alias("id")).agg(
        F.countDistinct("source").cast("int").alias("num_sources"),
        F.min("date").alias("first_seen"),
        F.max("date").alias("last_seen"),
    )
    events = (
        heads.join(counts, "id")
        .join(seen, "id")
        .withColumn("added_at", F.lit(now).cast("timestamp_ntz"))
        .select(*table("events").names)
    )
    event_sources = pairs.select("event_id", "source").distinct()
    return events, event_sources


def actors_of(mentions):
    """The actors table: one row per code and name, counted as the store counts them."""
    from pyspark.sql import functions as F

    roles = [
        mentions.select(
            "seq",
            "index",
            F.lit(order).alias("order"),
            F.lit(role).alias("role"),
            F.col(f"{role}_code").alias("code"),
            F.coalesce(f"{role}_name", F.lit("")).alias("name"),
            F.col(f"{role}_country").alias("country"),
            F.col(f"{role}_sector").alias("sector"),
        )
        for order, role in enumerate(("source", "target"))
    ]
    sides = roles[0].unionByName(roles[1]).where("code IS NOT NULL")
    first = F.struct("seq", "index", "order")
    return (
        sides.groupBy("code", "name")
        .agg(
            F.min_by("country", first).alias("country"),
            F.min_by("sector", first).alias("sector"),
            F.countDistinct("seq", "index").cast("int").alias("mentions"),
            F.sum((F.col("role") == "source").cast("int")).cast("int").alias("as_source"),
            F.sum((F.col("role") == "target").cast("int")).cast("int").alias("as_target"),
        )
        .select(*table("actors").names)
    )
