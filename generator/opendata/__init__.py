"""Open data: text-fragment links into the sources, Atom feeds, schema.org JSON-LD, W3C Web
Annotations and the dataset download (``emit.py`` is the pipeline's entry point)."""
