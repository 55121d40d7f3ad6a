"""Entity mentions: tagger (CRF + network), gazetteer, resolution, spaCy component."""
