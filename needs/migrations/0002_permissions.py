from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktörer"
ADMINISTRATORS = "Administratörer"
EDITORS_MAY = ["view_need", "change_need"]


def permissions_for_editors_and_administrators(apps, schema_editor):
    """Editors read and triage signals; administrators may do everything with them, and decide
    who else may (the groups' permissions)."""
    app_config = apps.get_app_config("needs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    need_permissions = Permission.objects.filter(
        content_type__app_label="needs", content_type__model="need"
    )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*need_permissions.filter(codename__in=EDITORS_MAY))
    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(*need_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0001_initial"),
        ("home", "0002_editors_group"),
        ("positions", "0006_review_roles_and_workflows"),
    ]

    operations = [
        migrations.RunPython(permissions_for_editors_and_administrators, migrations.RunPython.noop)
    ]
