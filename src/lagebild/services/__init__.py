"""The services layer: commands (every write) and queries (every read) that the CLI, the API,
the web page and the report share.

    from lagebild.services import commands, queries
    commands.ingest_paths(store, ["articles/"]); commands.analyze(store); commands.link_store(store)
    queries.list_facts(store, type="ATTACK")
"""

from lagebild.services.commands import (
    ENGINES,
    SCHEMA_ID,
    AnalyzeReport,
    IngestReport,
    WatchReport,
    analyze,
    article_sections,
    export_picture,
    index_for_search,
    ingest_articles,
    ingest_paths,
    judge,
    link_apart,
    link_store,
    open_store,
    story_article_ids,
    watch_round,
)

__all__ = ["ENGINES", "SCHEMA_ID", "AnalyzeReport", "IngestReport", "analyze", "article_sections", "export_picture",
           "index_for_search", "ingest_articles", "ingest_paths", "judge", "link_apart", "link_store", "open_store",
           "story_article_ids", "WatchReport", "watch_round"]
