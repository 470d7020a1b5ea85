"""What every app shares, below the home and content pages.

- `navigation`, `signals`: the site chrome (menu, footer, sections) and its cache.
- `publication`, `workflow_integrity`: the one check where a page goes live or a workflow moves.
- `privacy`, `files`: private pages and the documents and images they use.
- `listing`, `translations`, `rich_text`, `search_terms`: paginated, filtered listings; the
  reader's language; safe links; what a reader typed into a search box.
- `feeds`, `api`, `admin_api`, `sitemap`, `structured_data`: what machines read.
- `snippets`: the admin's snippet views as every app registers them.
- `backup`: operations.
"""
