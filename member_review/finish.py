def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION.

    Wagtail imports this setting while it loads its own models, before ours can be imported, so
    the work is done in `publishing`, imported only when a workflow finishes.
    """
    from .publishing import publish_reviewed_revision

    publish_reviewed_revision(workflow_state, user=user)
