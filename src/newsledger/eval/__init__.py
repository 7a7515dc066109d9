"""Evaluation: scorers for public gold formats, so every extractor has a number (see DESIGN.md)."""
