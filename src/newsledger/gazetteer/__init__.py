"""Gazetteer stage."""
