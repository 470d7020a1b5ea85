"""Names of Wagtail's views and components that our rules refer to, and the arguments they read.

If Wagtail renames one, a rule would quietly stop applying: the representatives' gate would
refuse a view it means to open, a page password would go unthrottled, a preview would run inside
the admin transaction, or Wagtail's moderation list would come back for representatives. These
tests fail first. UPGRADING.md lists each of them.
"""

from django.urls import get_resolver

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

import pytest

from home.core.publication import OUTSIDE_TRANSACTION
from member_review.representative_gate import OPEN, WHILE_VOTING
from member_review.wagtail_hooks import WAGTAIL_MODERATION_PANEL

THROTTLED = {"wagtailcore_authenticate_with_password": {"page_view_restriction_id"}}
ARGUMENTS_READ = {
    "wagtailadmin_pages:workflow_preview": {"page_id", "task_id"},
    "wagtailadmin_pages:workflow_action": {"page_id", "task_state_id"},
    "wagtailadmin_password_reset": set(),
    **THROTTLED,
}


def url_arguments(view_name):
    """The sets of keyword arguments of the URL patterns named `view_name`."""
    resolver = get_resolver()
    *namespaces, name = view_name.split(":")
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    return [
        set(parameters)
        for possibilities, *_rest in resolver.reverse_dict.getlist(name)
        for _result, parameters in possibilities
    ]


@pytest.mark.parametrize(
    "view_name", sorted({*OPEN, *WHILE_VOTING, *OUTSIDE_TRANSACTION, *ARGUMENTS_READ})
)
def test_every_view_name_a_rule_refers_to_exists_with_the_arguments_it_reads(view_name):
    patterns = url_arguments(view_name)
    assert patterns, f"no URL is named {view_name}"
    needed = ARGUMENTS_READ.get(view_name, set())
    assert any(needed <= arguments for arguments in patterns), (view_name, patterns)


def test_the_moderation_list_hidden_from_representatives_is_wagtails_by_that_name():
    assert WorkflowObjectsToModeratePanel.name == WAGTAIL_MODERATION_PANEL
