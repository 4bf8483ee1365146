"""The editor's assistant: archiving articles, reading dates in news text, proposing event stubs."""
