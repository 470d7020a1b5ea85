"""A GIN index on what the PostgreSQL search matches: each entry's title and body together.

Wagtail's search asks `(title || body) @@ query`, which its separate indexes on title and body
cannot answer, so every search read the whole index table.
"""

from django.db import connection, migrations


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = (
        [
            migrations.RunSQL(
                "CREATE INDEX search_indexentry_title_body_gin "
                "ON wagtailsearch_indexentry USING gin ((title || body))",
                "DROP INDEX search_indexentry_title_body_gin",
            )
        ]
        if connection.vendor == "postgresql"
        else []
    )
