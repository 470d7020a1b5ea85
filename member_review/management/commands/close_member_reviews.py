from django.core.management.base import BaseCommand

from home.core.locks import another_server_runs, run_once_across_servers
from member_review.closing import close_expired_reviews

NAME = "close_member_reviews"


class Command(BaseCommand):
    help = (
        "Settle every member review whose deadline has passed. Run it from cron; "
        "a second run finds nothing left to do, and a run while another server's is under way "
        "leaves the work to that one."
    )

    def handle(self, *args, **options):
        with run_once_across_servers(NAME) as this_server_runs_it:
            if not this_server_runs_it:
                self.stdout.write(another_server_runs(NAME))
                return
            outcomes = close_expired_reviews()
        for state, outcome in outcomes:
            self.stdout.write(f"{state.revision.object_str}: {outcome.label}")
        self.stdout.write(f"Closed {len(outcomes)} member review(s).")
