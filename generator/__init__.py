"""briefs: annotated news briefs as a cross-linked, offline-first static site.

The pipeline, one module per stage:

    corpus_files.py which files under briefs/ and seeds/ are read; links, odd
                 extensions and names other systems cannot check out, reported
    textpolicy.py the one text policy: characters no brief or seed may hold, and where
                 (refused controls, noncharacters, bidi controls; positions)
    seeds.py     parse seed articles into paragraphs
    load.py      read YAML safely, keeping the position of every key and value
    model.py     typed, immutable records (pydantic) and the JSON Schema
    validate.py  per-file and corpus rules; every problem as a Diagnostic
    messages.py  pydantic errors as messages a contributor can act on
    references.py ids across the corpus: declarations, references, loops
    graph.py     graph walks linear in nodes + edges (member_of loops)
    anchor.py    find claim quotes in the seed text; why a quote is not found (accents, a paragraph break)
    quote_hints.py what check says about a quote not found: the first difference, with a caret
    yaml_quotes.py a quote mark that ends a quoted YAML value early, named as such
    corpus.py    the validated corpus (records the site is rendered from)
    link.py      resolve references, backlinks and relations
    highlight.py cut article paragraphs into quotes and actor mentions (longest name wins)
    marks.py     what each stretch of an article shows: link, speaker colour, contested mark, labels
    speakers.py  one colour per actor across the site (palette checked for contrast), short labels;
                 also the emitter of assets/stylesheets/speakers.css
    relations.py contested claims, ranked ties between actors, claims by members rolled up
    cards.py     the highlight cards' data (inert JSON in the brief page)
    headline.py  short titles for implications; licenses.py the licences a source may carry
    advice.py    warnings (advice that never fails a check, errors with --strict): a source without
                 URL or licence, estimative words, implications past due; yaml_advice.py leftover
                 TODO and text cut by ' #'; seed_advice.py seed lines like captions or map legends;
                 estimative.py the ICD 203 words of each likelihood band and confidence level
    forecasts/   accountable forecasts: due dates per horizon and the build's "today" (due.py),
                 Brier scores by likelihood band (score.py), the calibration chart (chart.py),
                 the track record page emitter (page.py)
    render.py    Jinja templates -> Markdown pages (home and entity pages)
    listings.py  the indexes and the timeline, split into parts (paginate.py)
    rawhtml.py   Markdown extension: the generator's raw HTML stashed, not re-parsed
    incremental.py  mkdocs serve: files validated once per content, pages re-rendered
                 only when what they read changed
    search/      the search index (an emitter): tokens, documents, terms, shards
    outputs.py   what emitters produce: pages and other site files; site options
    write.py     write pages to disk atomically
    output_folder.py where output may go (never the sources), the marker of the
                 tool's own folders, the recoverable swap, SIGTERM like Ctrl-C
    pipeline.py  the stages end to end, for the adapters; EMITTERS lists every
                 capability's entry point (each in a module or sub-package of its own)
    build.py     MkDocs build into a temporary folder, swapped in on success
    scaffold.py  `briefs new`; names.py the names an article mentions (people among them);
                 changes.py `briefs check --changed`; schema.py JSON Schemas
    plugin.py    MkDocs adapter (thin)
    cli.py       the `briefs` command (thin)
"""
