"""Editors' Markdown: what it may contain, and its rendering to sanitised HTML."""
