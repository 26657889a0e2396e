"""Helpers that start and supervise the product's processes."""
