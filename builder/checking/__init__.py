"""Checking the corpus as a whole: references between records and quotes against their sources."""
