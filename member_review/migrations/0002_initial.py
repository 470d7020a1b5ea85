import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('member_review', '0001_initial'),
        ('members', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables were renamed, rows and all, by positions 0010.
            database_operations=[],
            state_operations=[
                migrations.AddField(
                    model_name='elector',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='electors', to='members.memberorganisation', verbose_name='member organisation'),
                ),
                migrations.AddField(
                    model_name='elector',
                    name='task_state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='electors', to='member_review.memberreviewtaskstate', verbose_name='member review'),
                ),
                migrations.AddField(
                    model_name='vote',
                    name='cast_by',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='cast by'),
                ),
                migrations.AddField(
                    model_name='vote',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='votes', to='members.memberorganisation', verbose_name='member organisation'),
                ),
                migrations.AddField(
                    model_name='vote',
                    name='task_state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='votes', to='member_review.memberreviewtaskstate', verbose_name='member review'),
                ),
                migrations.AddConstraint(
                    model_name='elector',
                    constraint=models.UniqueConstraint(fields=('task_state', 'organisation'), name='one_elector_per_organisation'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.UniqueConstraint(fields=('task_state', 'organisation'), name='one_vote_per_organisation'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('choice', 'object'), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='objection_has_reason', violation_error_message='Please give a reason for the objection.'),
                ),
            ],
        ),
    ]
