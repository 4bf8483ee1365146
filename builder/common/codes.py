"""Every diagnostic code, in one place: what each one means.

Each diagnostic prints its code (`path:line:col: error: message [code]`, or `warning:`), so an editor can look it up
here and a CI log can be searched for it. A Diagnostic with a code not listed here is a bug in the
builder (Diagnostic refuses it); tests/test_codes.py holds a failing input for every code below.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Reading the corpus: files and their text
    "no-corpus": "the content folder does not exist",
    "layout": "a file or folder the corpus layout has no place for",
    "symlink": "a symbolic link that leads outside the corpus (or a linked top-level folder)",
    "source-pair": "a source's .txt or .yaml half is missing",
    "source-original": "a source's archived original (saved page or WARC record) is missing, altered, a second one, "
                       "or not the one its metadata names",
    "text-size": "a file is over the size limit",
    "text-encoding": "a file is not valid UTF-8",
    "text-control": "a control or bidirectional formatting character, surrogate or noncharacter, typed or written as a YAML escape",
    # Reading the corpus: strict YAML
    "yaml-size": "a YAML file is over the size limit",
    "yaml-syntax": "a YAML file cannot be parsed",
    "yaml-empty": "a YAML file holds nothing",
    "yaml-top-level": "a YAML file is not a mapping of fields",
    "yaml-documents": "several YAML documents in one file",
    "yaml-depth": "YAML nested too deep",
    "yaml-alias": "a YAML alias (*name)",
    "yaml-anchor": "a YAML anchor (&name)",
    "yaml-tag": "a YAML tag (!tag)",
    "yaml-key": "a YAML key that is not plain text",
    "yaml-merge": "a YAML merge key (<<)",
    "yaml-duplicate-key": "the same key twice in one mapping",
    # Reading the corpus: fields
    "unknown-field": "a field the record kind does not have",
    "missing-field": "a required field is absent or empty",
    "wrong-type": "a field holds a list, mapping or text where another shape belongs",
    "bad-value": "a field's value is not one of those allowed",
    "bad-number": "a field is not a number",
    "out-of-range": "a number outside its allowed range",
    "bad-date": "a date that is not an ISO calendar date of the field's precision, or out of the years the site can show",
    "date-order": "an event ends before it starts",
    "bad-url": "an address that is not http or https",
    "too-long": "text over its length limit",
    "multi-line": "a one-line field holds several lines",
    "markdown": "Markdown the page would not show as written (raw HTML, images, unsafe or relative links, headings "
                "of other levels, footnotes), or too slow to render",
    "quote-too-short": "a quote of fewer than three words, too short to identify a passage",
    "bad-id": "an id that is not lowercase ASCII words joined by hyphens",
    "id-mismatch": "an id that differs from its file name",
    "duplicate-id": "two events with the same id",
    "event-year": "an event filed under another year's folder",
    "page-title": "a page without a title",
    # Checking across files
    "unknown-source": "a citation (or command) names a source that does not exist",
    "unknown-base": "an event names a base that does not exist",
    "duplicate-base": "an event lists the same base twice",
    "alias-clash": "two bases share a name",
    "quote-not-found": "a quoted passage is not in its source, word for word",
    "replaces-live-id": "an old id is replaced while an event still has it",
    "replaces-twice": "two events replace the same old id",
    "reserved-page": "a page takes the address of a generated section",
    # Checking across files: warnings (printed; fatal only under --strict)
    "location-outside": "a place's coordinates lie outside Syria, beyond the border's tolerance (lat and lon swapped?)",
    "location-governorate": "a place's coordinates lie far from the governorate its file names",
    # Settings (mkdocs.yml, the command line, the environment)
    "config-yaml": "mkdocs.yml cannot be read, or its briefing entry is not a mapping",
    "setting": "a setting has a value the builder does not know",
    "build-time": "SOURCE_DATE_EPOCH is not a time the site can show",
    "site-url": "a warning: site_url is not set, so the feeds' and sharing links are relative",
    # The output folder
    "site-dir": "the output folder is not one the builder may replace",
    "output-path": "a generated path would leave the output folder",
    "output-clash": "two pages would be written to the same path",
    "write-failed": "the disk refused a write (full, read-only, no permission)",
    "site-root-clash": "a file of the corpus's site-root/ would replace a file the build makes",
    # Rendering
    "template": "the theme's templates fail",
    "search": "the Pagefind search index cannot be built",
    "pdf": "a brief cannot be laid out as PDF",
    # Publishing editions
    "edition-id": "an edition id or alias that does not follow the pattern, or names a file of the branch",
    "edition-broken": "the branch's previous edition cannot be read",
    "publish": "git or mike refused to publish",
    # Curation: add-source and suggest
    "article-file": "the article to add is missing, a folder, or empty",
    "article-archived": "the article is already archived",
    "article-date": "no publication date could be read or was given",
    "article-charset": "a saved page's bytes cannot be decoded in the charset it declares (or UTF-8, when it declares none)",
    "article-extract": "no article text could be extracted from a saved page",
    "article-warc": "a WARC file that cannot be read, holds no HTML response, or holds several and none was chosen",
    "file-exists": "a file to be written already exists",
}


def describe(code: str) -> str:
    """What a code means; KeyError for a code that is not listed."""
    return CODES[code]
