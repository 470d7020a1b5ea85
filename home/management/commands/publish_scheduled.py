from wagtail.management.commands import publish_scheduled

from home.core.publication import PublicationRefused


class Command(publish_scheduled.Command):
    """Wagtail's `publish_scheduled`, carrying on past a page the publication guard refuses.

    Wagtail publishes the due revisions one after another and would stop at the first refusal,
    leaving every later page unpublished. A refused page's schedule is dropped (the guard has
    logged why) and the run starts again with the pages still due.
    """

    def handle(self, *args, **options):
        while True:
            try:
                return super().handle(*args, **options)
            except PublicationRefused as refused:
                refused.page.revisions.update(approved_go_live_at=None)
                self.stderr.write(str(refused))
