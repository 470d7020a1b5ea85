"""Member organisations and the member review become apps of their own (members/,
member_review/). Their tables are renamed here, with their rows; the models' state moves in
members 0001, member_review 0001 and positions 0011."""

from django.db import migrations

MOVED = {
    "memberorganisation": "members_memberorganisation",
    "representative": "members_representative",
    "memberdirectorypage": "members_memberdirectorypage",
    "memberreviewtask": "member_review_memberreviewtask",
    "memberreviewtaskstate": "member_review_memberreviewtaskstate",
    "elector": "member_review_elector",
    "vote": "member_review_vote",
}


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0009_membership_for_administrators"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=table)
                for model, table in MOVED.items()
            ],
            state_operations=[],
        ),
    ]
