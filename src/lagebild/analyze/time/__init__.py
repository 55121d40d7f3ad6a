"""Time expressions: rules per language, handlers (absolute, relative, durations), anchoring, lexicon."""
