"""Per-article analysis stages (one module per extractor)."""
