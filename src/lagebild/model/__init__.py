"""Data model: articles, the records every stage produces, and the typed values (time, number) all layers share."""

from lagebild.model.analysis import Analysis
from lagebild.model.article import Article, article_id, normalize_text
from lagebild.model.events import EVENT_TYPES, STATUSES
from lagebild.model.records import (
    ENTITY_LABELS,
    LAYER_TYPES,
    Argument,
    Attribution,
    EntityMention,
    Event,
    Quantity,
    Quote,
    Record,
    Sentence,
    Span,
    Speaker,
    Timex,
)

__all__ = [
    "Analysis", "Article", "article_id", "normalize_text", "ENTITY_LABELS", "EVENT_TYPES", "LAYER_TYPES",
    "STATUSES", "Argument", "Attribution", "EntityMention", "Event", "Quantity", "Quote", "Record",
    "Sentence", "Span", "Speaker", "Timex",
]
