"""The models that moved to members/ and member_review/ leave positions/' state; the rows
keep their content types, permissions and history under the new app labels."""

import django.db.models.deletion
import home.models.mixins
from django.db import migrations, models


NEW_APP = {
    "memberorganisation": "members",
    "representative": "members",
    "memberdirectorypage": "members",
    "memberreviewtask": "member_review",
    "memberreviewtaskstate": "member_review",
    "elector": "member_review",
    "vote": "member_review",
}
LOG_ACTIONS = {
    "positions.vote.endorse": "member_review.vote.endorse",
    "positions.vote.abstain": "member_review.vote.abstain",
    "positions.vote.object": "member_review.vote.object",
    "positions.adopted": "member_review.adopted",
}


def relabel_content_types(apps, forwards):
    """Pages, tasks, revisions, permissions and log entries refer to these content types by id;
    relabelling the rows keeps every one of them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, new_app in NEW_APP.items():
        source, target = ("positions", new_app) if forwards else (new_app, "positions")
        moving = ContentType.objects.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # After a migration back and forth, Django's post_migrate has made an unused content type
        # (with its default permissions) under the target label; the rows in use take its place.
        ContentType.objects.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])


def move_content_types(apps, schema_editor):
    relabel_content_types(apps, forwards=True)


def move_content_types_back(apps, schema_editor):
    relabel_content_types(apps, forwards=False)


def rename_log_actions(apps, schema_editor, actions=LOG_ACTIONS):
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    for old, new in actions.items():
        PageLogEntry.objects.filter(action=old).update(action=new)


def rename_log_actions_back(apps, schema_editor):
    rename_log_actions(apps, schema_editor, {new: old for old, new in LOG_ACTIONS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('member_review', '0002_initial'),
        ('members', '0001_initial'),
        ('positions', '0010_move_member_tables'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables were renamed, rows and all, by positions 0010.
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='memberdirectorypage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='memberdirectorypage',
                    name='share_image',
                ),
                migrations.AlterUniqueTogether(
                    name='memberorganisation',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='memberorganisation',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='memberorganisation',
                    name='locale',
                ),
                migrations.RemoveField(
                    model_name='memberorganisation',
                    name='logo',
                ),
                migrations.AlterField(
                    model_name='endorsement',
                    name='organisation',
                    field=models.ForeignKey(limit_choices_to=home.models.mixins.in_default_locale, on_delete=django.db.models.deletion.PROTECT, related_name='endorsements', to='members.memberorganisation', verbose_name='member organisation'),
                ),
                migrations.RemoveField(
                    model_name='representative',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='memberreviewtask',
                    name='task_ptr',
                ),
                migrations.RemoveField(
                    model_name='memberreviewtaskstate',
                    name='taskstate_ptr',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='task_state',
                ),
                migrations.AlterField(
                    model_name='adoption',
                    name='task_state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='member_review.memberreviewtaskstate', verbose_name='member review'),
                ),
                migrations.RemoveField(
                    model_name='representative',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='cast_by',
                ),
                migrations.DeleteModel(
                    name='Elector',
                ),
                migrations.DeleteModel(
                    name='MemberDirectoryPage',
                ),
                migrations.DeleteModel(
                    name='MemberOrganisation',
                ),
                migrations.DeleteModel(
                    name='MemberReviewTask',
                ),
                migrations.DeleteModel(
                    name='MemberReviewTaskState',
                ),
                migrations.DeleteModel(
                    name='Representative',
                ),
                migrations.DeleteModel(
                    name='Vote',
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(rename_log_actions, rename_log_actions_back),
    ]
