"""Rendering page contexts to files: Jinja2 templates, PDFs, the search index."""
