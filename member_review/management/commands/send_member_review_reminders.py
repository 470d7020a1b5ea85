from django.core.management.base import BaseCommand

from home.core.locks import another_server_runs, run_once_across_servers
from member_review.reminders import send_due_reminders

NAME = "send_member_review_reminders"


class Command(BaseCommand):
    help = (
        "Remind the organisations that have not answered an open member review, on its task's "
        "reminder days. Run it from cron; a second run the same day sends nothing more."
    )

    def handle(self, *args, **options):
        with run_once_across_servers(NAME) as this_server_runs_it:
            if not this_server_runs_it:
                self.stdout.write(another_server_runs(NAME))
                return
            sent = send_due_reminders()
        for state, organisations in sent:
            self.stdout.write(
                f"{state.revision.object_str}: reminded {len(organisations)} organisation(s)"
            )
        self.stdout.write(f"Sent reminders for {len(sent)} member review(s).")
