from django.core.management.base import BaseCommand

from home.core.locks import another_server_runs, run_once_across_servers
from positions.follow_up import send_follow_up_reminders

NAME = "send_follow_up_reminders"


class Command(BaseCommand):
    help = (
        "E-mail the editors about each answered consultation response whose follow-up is due "
        "(three months after its response deadline, none recorded), once per response. Run it "
        "daily from cron; a second run sends nothing more."
    )

    def handle(self, *args, **options):
        with run_once_across_servers(NAME) as this_server_runs_it:
            if not this_server_runs_it:
                self.stdout.write(another_server_runs(NAME))
                return
            reminded = send_follow_up_reminders()
        for case in reminded:
            self.stdout.write(f"{case.page.title}: the editors were reminded")
        self.stdout.write(f"Sent follow-up reminders for {len(reminded)} consultation response(s).")
