from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktörer"
ADMINISTRATORS = "Administratörer"


def membership_for_administrators(apps, schema_editor):
    """Only administrators add, delete or (de)activate member organisations from now on."""
    app_config = apps.get_app_config("positions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    organisation_permissions = Permission.objects.filter(
        content_type__app_label="positions", content_type__model="memberorganisation"
    )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *organisation_permissions.filter(
                codename__in=["add_memberorganisation", "delete_memberorganisation"]
            )
        )
    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(*organisation_permissions)


def record_electorates(apps, schema_editor):
    """Reviews started before the electorate was recorded get the active members of today."""
    MemberReviewTaskState = apps.get_model("positions", "MemberReviewTaskState")
    MemberOrganisation = apps.get_model("positions", "MemberOrganisation")
    Elector = apps.get_model("positions", "Elector")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.order_by("pk").filter(language_code="sv").first()
    if default is None:
        return
    active = list(MemberOrganisation.objects.filter(locale=default, active=True))
    Elector.objects.bulk_create(
        Elector(task_state=state, organisation=organisation)
        for state in MemberReviewTaskState.objects.all()
        for organisation in active
    )


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0008_electorate_and_protected_records"),
    ]

    operations = [
        migrations.RunPython(membership_for_administrators, migrations.RunPython.noop),
        migrations.RunPython(record_electorates, migrations.RunPython.noop),
    ]
