"""Checking the corpus as a whole: references between records, quotes against their sources, and
where places lie against Syria's outline (warnings)."""
