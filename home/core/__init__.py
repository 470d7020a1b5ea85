"""What every app shares, below the home and content pages.

- `navigation`, `signals`: the site chrome (menu, footer, sections) and its cache.
- `publication`, `workflow_integrity`: the one check where a page goes live or a workflow moves.
- `privacy`, `files`: private pages and the documents and images they use.
- `listing`, `translations`, `rich_text`, `search_terms`: paginated, filtered listings; the
  reader's language; safe links; what a reader typed into a search box.
- `feeds`, `api`, `admin_api`, `sitemap`, `structured_data`: what machines read.
- `snippets`: the admin's snippet views as every app registers them.
- `backup`, `backup_archive`, `locks`: operations: backups whose manifest proves them whole,
  and the lock that lets one of several app servers do each scheduled run.
- `document_content`, `upload_forms`, `storage`: uploads: documents accepted by their content,
  and files written whole or not at all, with a form error when the disk is full.
- `cache`, `checks`: the Redis cache that misses rather than fails while Redis is down, and the
  system check that names an unreachable REDIS_URL.
- `outbox`, `outbox_admin`: every e-mail, queued in the database and sent by the worker; the
  administrators' report *E-post*.
- `http_cache`, `xkey_purge`, `cache_purging`: what a shared cache (Varnish) may keep, the tags
  that name what each response shows, and what each change purges.
"""
