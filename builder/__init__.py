"""briefing: a static site generator for an Arabic briefing on military places, events and their sources.

The packages, in the order data flows through them. Each imports only from those before it
(tests/test_layers.py holds them to it); `arabic` and `prose` come early because reading already
needs them, `curation` and `editions` sit beside the pipeline and the hosts run it.
"""

FLOW = (
    "common",     # diagnostics (errors and warnings), the record model, worker processes
    "arabic",     # folding for matching; printing dates, numbers, counted nouns; all wording; bidi
    "prose",      # editors' Markdown: rules and sanitised rendering
    "reading",    # files, strict YAML, typed fields -> records, the record cache, Syria's geography
    "checking",   # references between records, quotes against sources, places against the map
    "indexing",   # cross-references, status history, what changed since an edition
    "planning",   # page kinds, contexts, URLs, views, feeds, graphics
    "rendering",  # templates, PDFs, the search index
    "writing",    # the site folder, downloads, schemas
    "pipeline",   # the build in order, and its settings
    "preview",    # incremental rebuilds and the preview server
    "curation",   # add-source, suggest, dates in news text
    "editions",   # publishing editions
    "hosts",      # the briefing command and the MkDocs plugin
)
