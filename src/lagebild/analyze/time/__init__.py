"""Time expressions: rules per language, handlers, anchoring."""
