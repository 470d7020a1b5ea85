from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.core.locks import another_server_runs, run_once_across_servers
from home.core.publication import PublicationRefused

NAME = "publish_scheduled_pages"


class Command(BaseCommand):
    help = (
        "Wagtail's publish_scheduled, carrying on past a page the publication guard refuses. "
        "Run it from cron in place of publish_scheduled; a run while another server's is under "
        "way leaves the work to that one."
    )

    def handle(self, *args, **options):
        with run_once_across_servers(NAME) as this_server_runs_it:
            if not this_server_runs_it:
                self.stdout.write(another_server_runs(NAME))
                return
            self.publish_until_done()

    def publish_until_done(self):
        # Wagtail publishes the due revisions one after another and stops at the first refusal,
        # leaving every later page unpublished. A refused page's schedule is dropped (the guard
        # has logged why) and the run starts again with the pages still due.
        while True:
            try:
                return call_command("publish_scheduled", stdout=self.stdout, stderr=self.stderr)
            except PublicationRefused as refused:
                refused.page.revisions.update(approved_go_live_at=None)
                self.stderr.write(str(refused))
