"""Tests of the evaluation harness (lagebild.eval)."""
