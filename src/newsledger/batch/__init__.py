"""Batch stage."""
