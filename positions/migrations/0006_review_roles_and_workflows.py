from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktörer"
ADMINISTRATORS = "Administratörer"
EDITORIAL_REVIEW = "Redaktionell granskning"
MEMBER_REVIEW = "Medlemsgranskning"
STATEMENT_WORKFLOW = "Ställningstagande"
ADMINISTRATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def create_all_permissions(apps):
    """Permissions are normally created after migrating; administrators need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def administrators_group(apps):
    """Wagtail's "Moderators" become "Administratörer", who may do everything."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group = Group.objects.filter(name="Moderators").first()
    if group is not None:
        group.name = ADMINISTRATORS
        group.save()
    else:
        group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)

    create_all_permissions(apps)
    group.permissions.set(
        Permission.objects.exclude(content_type__app_label__in=["wagtailimages", "wagtaildocs"])
    )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in ADMINISTRATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs"]
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def editors_submit_instead_of_publishing(apps):
    """Editors draft and submit; only a finished workflow (or an administrator) publishes."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    GroupPagePermission.objects.filter(
        group=editors, permission__codename__in=["publish_page", "bulk_delete_page"]
    ).delete()
    return editors


def editorial_review_task(apps, groups):
    """Wagtail's default "Moderators approval" becomes the editorial review, on every page."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    task = (
        GroupApprovalTask.objects.filter(name__in=["Moderators approval", EDITORIAL_REVIEW]).first()
        or GroupApprovalTask.objects.create(
            name=EDITORIAL_REVIEW,
            content_type=content_type(apps, "wagtailcore", "groupapprovaltask"),
        )
    )
    task.name = EDITORIAL_REVIEW
    task.save()
    task.groups.set(groups)

    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=EDITORIAL_REVIEW)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.name = EDITORIAL_REVIEW
    workflow.save()

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return task


def statement_workflow(apps, editorial_task):
    MemberReviewTask = apps.get_model("positions", "MemberReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    member_task, _ = MemberReviewTask.objects.get_or_create(
        name=MEMBER_REVIEW,
        defaults={
            "content_type": content_type(apps, "positions", "memberreviewtask"),
            "review_period_days": 14,
            "decision_rule": "majority",
            "objection_blocks": True,
        },
    )
    workflow, created = Workflow.objects.get_or_create(name=STATEMENT_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=editorial_task.pk, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task_id=member_task.pk, sort_order=1)


def set_up_review(apps, schema_editor):
    administrators = administrators_group(apps)
    editors = editors_submit_instead_of_publishing(apps)
    editorial_task = editorial_review_task(apps, [editors, administrators])
    statement_workflow(apps, editorial_task)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0005_member_review"),
        ("home", "0004_editors_manage_snippets_and_translate"),
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(set_up_review, migrations.RunPython.noop)]
