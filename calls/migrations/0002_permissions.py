from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktörer"
ADMINISTRATORS = "Administratörer"
# Editors read the answers and export them for the partner; representatives give them.
EDITORS_MAY = ["view_callanswer", "view_callannouncement"]


def permissions_for_editors_and_administrators(apps, schema_editor):
    """Editors read the members' answers to calls; administrators may do everything with them."""
    app_config = apps.get_app_config("calls")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    call_permissions = Permission.objects.filter(
        content_type__app_label="calls",
        content_type__model__in=["callanswer", "callannouncement"],
    )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*call_permissions.filter(codename__in=EDITORS_MAY))
    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(*call_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0001_calls"),
        ("home", "0002_editors_group"),
        ("positions", "0006_review_roles_and_workflows"),
    ]

    operations = [
        migrations.RunPython(permissions_for_editors_and_administrators, migrations.RunPython.noop)
    ]
