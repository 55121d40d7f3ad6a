"""Quantities: number words and digits, units, rates."""
