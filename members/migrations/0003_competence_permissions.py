from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktörer"
ADMINISTRATORS = "Administratörer"


def editors_keep_the_competences(apps, schema_editor):
    """Editors keep the list of competences, as they keep the topics; administrators may do
    everything with it. Editors already change the organisations, competences included."""
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    competence_permissions = Permission.objects.filter(
        content_type__app_label="members", content_type__model="competence"
    )
    for name in (EDITORS, ADMINISTRATORS):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*competence_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_competences"),
        ("home", "0002_editors_group"),
    ]

    operations = [
        migrations.RunPython(editors_keep_the_competences, migrations.RunPython.noop)
    ]
