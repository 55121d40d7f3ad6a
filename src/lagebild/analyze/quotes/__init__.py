"""Quotes: cues, messages, speakers."""
