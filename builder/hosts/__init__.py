"""What runs the pipeline: the `briefing` command and the MkDocs plugin."""
