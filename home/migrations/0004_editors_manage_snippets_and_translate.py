from django.db import migrations

EDITORS = "Redaktörer"
SNIPPETS = [
    ("home", "topic"),
    ("home", "contactperson"),
    ("home", "footertext"),
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


def let_editors_manage_snippets_and_translate(apps, schema_editor):
    """Editors keep topics, contact persons and footer texts, and translate pages.

    wagtail-localize hands its permission to a group called "Editors", which is "Redaktörer" here.
    """
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    for app_label, model in SNIPPETS:
        for action in ACTIONS:
            group.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))
    group.permissions.add(
        permission(apps, "wagtail_localize", "translation", "submit_translation")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_contactperson_alter_contentpage_body_and_more"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(let_editors_manage_snippets_and_translate, migrations.RunPython.noop)
    ]
