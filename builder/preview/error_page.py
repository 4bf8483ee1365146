"""The page a preview shows instead of the site while the corpus (or the theme, or a setting) has errors.

As Hugo's server does, the errors go to the browser, each with its position and hint, not only to the
terminal. The page asks the browser to load it again every two seconds, so the site comes back by
itself as soon as the editor's fix makes the build pass. Built in Python rather than by the theme:
the theme may be what failed.
"""

from __future__ import annotations

import html

from builder.arabic import wording
from builder.common.diagnostics import BriefingError

RETRY_S = 2


def error_page(failed: BriefingError) -> bytes:
    """An HTML page (lang=ar, dir=rtl) listing every problem of `failed` as the terminal prints it."""
    items = "\n".join(
        f'<li><code dir="ltr">{html.escape(d.format().splitlines()[0])}</code>'
        + (f'<br><bdi dir="auto">{html.escape(d.hint)}</bdi>' if d.hint else "") + "</li>"
        for d in failed.diagnostics.sorted())
    return f"""<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{RETRY_S}">
<title>{html.escape(wording.PREVIEW_FAILED)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-inline-size: 60rem; padding-inline: 1rem; }}
li {{ margin-block: 0.75rem; }}
code {{ display: block; unicode-bidi: isolate; text-align: start; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<h1>{html.escape(wording.PREVIEW_FAILED)}</h1>
<p>{html.escape(wording.PREVIEW_FAILED_LEAD)}</p>
<ol>
{items}
</ol>
</body>
</html>
""".encode("utf-8")
