from django.core.management.base import BaseCommand

from member_review.closing import close_expired_reviews


class Command(BaseCommand):
    help = (
        "Settle every member review whose deadline has passed. Run it from cron; "
        "a second run finds nothing left to do."
    )

    def handle(self, *args, **options):
        outcomes = close_expired_reviews()
        for state, outcome in outcomes:
            self.stdout.write(f"{state.revision.object_str}: {outcome.label}")
        self.stdout.write(f"Closed {len(outcomes)} member review(s).")
