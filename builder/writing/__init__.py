"""Writing the site folder, the data downloads and the JSON Schemas."""
