from django.db import migrations

EDITORS = "Redaktörer"
SNIPPETS = [
    ("positions", "memberorganisation"),
    ("positions", "issuingauthority"),
]
ACTIONS = ["add", "change", "delete", "view"]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )[0]


def let_editors_manage_snippets(apps, schema_editor):
    """Editors keep the member organisations and the issuing authorities."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    for app_label, model in SNIPPETS:
        for action in ACTIONS:
            group.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0002_representatives_group"),
        ("home", "0002_editors_group"),
    ]

    operations = [
        migrations.RunPython(let_editors_manage_snippets, migrations.RunPython.noop)
    ]
