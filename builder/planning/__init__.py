"""Planning the site: page kinds, their typed contexts and URLs, views, feeds and graphics."""
