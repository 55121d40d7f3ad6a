"""Events: triggers, arguments, status and attribution."""
