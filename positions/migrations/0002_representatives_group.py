from django.db import migrations

REPRESENTATIVES = "Medlemsrepresentanter"


def create_representatives_group(apps, schema_editor):
    """Representatives reach the admin to review and vote, and nothing else."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=REPRESENTATIVES)
    group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_representatives_group, migrations.RunPython.noop)]
