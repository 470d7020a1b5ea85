"""Member organisations, representatives and the directory, moved from positions/."""

import django.db.models.deletion
import home.models.mixins
import members.validators
import modelcluster.fields
import modelsearch.index
import uuid
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('positions', '0010_move_member_tables'),
        ('home', '0006_alter_contentpage_body_alter_homepage_body'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables were renamed, rows and all, by positions 0010.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='MemberDirectoryPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('introduction', models.TextField(blank=True, max_length=500, verbose_name='introduction')),
                        ('share_image', models.ForeignKey(blank=True, help_text='Shown when the page is shared on social media. At least 1200 × 630 pixels.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='share image')),
                    ],
                    options={
                        'verbose_name': 'member directory page',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page', models.Model),
                ),
                migrations.CreateModel(
                    name='MemberOrganisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('slug', models.SlugField(help_text="Used in the address of the organisation's page.", max_length=150, verbose_name='slug')),
                        ('organisation_number', models.CharField(help_text='Ten digits, NNNNNN-NNNN.', max_length=11, validators=[members.validators.validate_organisation_number], verbose_name='organisation number')),
                        ('municipality', models.CharField(choices=[('arvika', 'Arvika'), ('eda', 'Eda'), ('filipstad', 'Filipstad'), ('forshaga', 'Forshaga'), ('grums', 'Grums'), ('hagfors', 'Hagfors'), ('hammaro', 'Hammarö'), ('karlstad', 'Karlstad'), ('kil', 'Kil'), ('kristinehamn', 'Kristinehamn'), ('munkfors', 'Munkfors'), ('storfors', 'Storfors'), ('sunne', 'Sunne'), ('saffle', 'Säffle'), ('torsby', 'Torsby'), ('arjang', 'Årjäng'), ('hela-lanet', 'The whole county')], max_length=20, verbose_name='municipality')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('description', models.TextField(blank=True, max_length=1500, verbose_name='description')),
                        ('member_since', models.DateField(blank=True, null=True, verbose_name='member since')),
                        ('active', models.BooleanField(default=True, help_text='Only active members vote and are listed.', verbose_name='active')),
                        ('areas', modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to=home.models.mixins.in_default_locale, related_name='member_organisations', to='home.topic', verbose_name='areas of activity')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('logo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='logo')),
                    ],
                    options={
                        'verbose_name': 'member organisation',
                        'verbose_name_plural': 'member organisations',
                        'ordering': ['name'],
                        'permissions': [('manage_membership', 'Can change who is a member')],
                        'abstract': False,
                    },
                    bases=(home.models.mixins.LocaleConstraintsMixin, modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='Representative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation', models.ForeignKey(limit_choices_to=home.models.mixins.in_default_locale, on_delete=django.db.models.deletion.CASCADE, related_name='representatives', to='members.memberorganisation', verbose_name='member organisation')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='representative', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'representative',
                        'verbose_name_plural': 'representatives',
                    },
                ),
                migrations.AddConstraint(
                    model_name='memberorganisation',
                    constraint=models.UniqueConstraint(fields=('locale', 'organisation_number'), name='unique_organisation_number_per_locale', violation_error_message='There is already a member organisation with this organisation number.'),
                ),
                migrations.AddConstraint(
                    model_name='memberorganisation',
                    constraint=models.UniqueConstraint(fields=('locale', 'slug'), name='unique_organisation_slug_per_locale', violation_error_message='There is already a member organisation with this slug.'),
                ),
                migrations.AlterUniqueTogether(
                    name='memberorganisation',
                    unique_together={('translation_key', 'locale')},
                ),
            ],
        ),
    ]
