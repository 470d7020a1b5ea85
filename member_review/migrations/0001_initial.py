"""The member review task, its states, electorate and votes, moved from positions/."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('positions', '0010_move_member_tables'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables were renamed, rows and all, by positions 0010.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Elector',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ],
                    options={
                        'verbose_name': 'elector',
                        'verbose_name_plural': 'electorate',
                    },
                ),
                migrations.CreateModel(
                    name='MemberReviewTask',
                    fields=[
                        ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                        ('review_period_days', models.PositiveSmallIntegerField(default=14, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)], verbose_name='review period (days)')),
                        ('decision_rule', models.CharField(choices=[('consensus', 'Consensus'), ('majority', 'Majority'), ('qualified', 'Qualified majority')], default='majority', help_text='Consensus: decided at the deadline; passes with no objection and at least the minimum number of endorsements. Majority: passes as soon as more than half of the active member organisations endorse. Qualified: passes as soon as the chosen share endorses.', max_length=20, verbose_name='decision rule')),
                        ('minimum_endorsements', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1)], verbose_name='minimum endorsements (consensus)')),
                        ('qualified_percent', models.PositiveSmallIntegerField(default=67, validators=[django.core.validators.MinValueValidator(51), django.core.validators.MaxValueValidator(100)], verbose_name='required share in per cent (qualified majority)')),
                        ('objection_blocks', models.BooleanField(default=True, help_text='If ticked, the review fails as soon as one organisation objects.', verbose_name='a single objection blocks')),
                    ],
                    options={
                        'verbose_name': 'member review',
                        'verbose_name_plural': 'member reviews',
                    },
                    bases=('wagtailcore.task',),
                ),
                migrations.CreateModel(
                    name='MemberReviewTaskState',
                    fields=[
                        ('taskstate_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.taskstate')),
                        ('deadline', models.DateTimeField(null=True, verbose_name='deadline')),
                    ],
                    options={
                        'verbose_name': 'member review state',
                        'verbose_name_plural': 'member review states',
                    },
                    bases=('wagtailcore.taskstate',),
                ),
                migrations.CreateModel(
                    name='Vote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('choice', models.CharField(choices=[('endorse', 'We endorse'), ('abstain', 'We abstain'), ('object', 'We object')], max_length=10, verbose_name='vote')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('cast_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='cast at')),
                    ],
                    options={
                        'verbose_name': 'vote',
                        'verbose_name_plural': 'votes',
                    },
                ),
            ],
        ),
    ]
