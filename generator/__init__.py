"""briefs: annotated news briefs as a cross-linked, offline-first static site.

The pipeline, one module per stage:

    seeds.py     parse seed articles into paragraphs
    load.py      read YAML safely, keeping the position of every key and value
    model.py     typed, immutable records (pydantic) and the JSON Schema
    validate.py  per-file and corpus rules; every problem as a Diagnostic
    anchor.py    find claim quotes in the seed text
    link.py      resolve references, backlinks and relations
    render.py    Jinja templates -> Markdown pages
    write.py     write pages to disk atomically
    plugin.py    MkDocs adapter (thin)
    cli.py       the `briefs` command (thin)
"""
