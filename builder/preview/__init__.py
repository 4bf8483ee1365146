"""The live preview: incremental rebuilds after an edit, and the server."""
