"""Cross-references computed once: events by month, place and source, each place's status history, what changed since an edition."""
