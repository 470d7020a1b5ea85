"""The members' input to a consultation before the network drafts its response.

One entry per member organisation, written by any of its representatives and changeable until
the case's input date. Nobody outside the network's editors and the organisation's own
representatives reads it: it is in no page, feed or API response.
"""

from pathlib import PurePath

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from home.core.publication import RefusedChange
from home.core.spreadsheets import spreadsheet_csv
from members.models import MemberOrganisation, Representative
from positions.models import ConsultationCase, MemberInput
from positions.models.remiss import INPUT_FILE_MAX_BYTES, INPUT_FILE_TYPES


class InputRefused(RefusedChange):
    """Input that cannot be given now; the message says why."""


def collecting_input(case):
    """Whether the case asks its members for input today."""
    page = case.page
    return (
        case.input_deadline is not None
        and case.input_deadline >= timezone.localdate()
        and page.is_open
    )


def input_refusal(case, user):
    """Why `user` cannot give their organisation's input to `case` now, or None."""
    if Representative.voting_organisation(user) is None:
        return _("Only a representative of a member organisation can send its input.")
    if case.input_deadline is None:
        return _("The network has not asked its members for input on this consultation.")
    if not collecting_input(case):
        return _(
            "The last day for input was %(date)s. The network is now drafting its response."
        ) % {"date": case.input_deadline.isoformat()}
    return None


def cases_asking_for_input():
    """The cases whose members' input is wanted today, soonest first."""
    today = timezone.localdate()
    return (
        ConsultationCase.objects.filter(
            input_deadline__gte=today, page__response_deadline__gte=today
        )
        .filter(page__status__in=["received", "preparing"])
        .select_related("page__authority")
        .order_by("input_deadline", "pk")
    )


def cases_open_to(organisation):
    """The cases a representative of `organisation` may read in the admin: those asking for
    input now (a consultation being prepared may still be a draft: the network asks its members
    before it publishes anything) and those the organisation gave input to."""
    return ConsultationCase.objects.filter(
        Q(pk__in=cases_asking_for_input().values("pk")) | Q(inputs__organisation=organisation)
    ).distinct()


def input_of(case, organisation):
    return MemberInput.objects.filter(case=case, organisation=organisation).first()


def save_input(case, user, text, upload=None, remove_file=False):
    """Record `user`'s organisation's input to `case`, in place of what it sent before."""
    with transaction.atomic():
        # Locked, so the deadline holds for a form sent at midnight and two representatives
        # saving at once leave one entry.
        case = (
            ConsultationCase.objects.select_for_update(of=("self",))
            .select_related("page")
            .get(pk=case.pk)
        )
        if refused := input_refusal(case, user):
            raise InputRefused(refused)
        organisation = Representative.voting_organisation(user)
        entry = MemberInput.objects.filter(case=case, organisation=organisation).first()
        if entry is None:
            entry = MemberInput(case=case, organisation=organisation)
        entry.text = text
        entry.written_by = user
        if upload is not None:
            if upload.size > INPUT_FILE_MAX_BYTES:
                raise InputRefused(_("The file is larger than 5 MB."))
            entry.file_content = upload.read()
            entry.file_name = upload.name[-200:]
            # By its name's extension, which the form checked, never as the browser said.
            entry.file_type = INPUT_FILE_TYPES[PurePath(upload.name).suffix.lower()]
        elif remove_file:
            entry.file_content, entry.file_name, entry.file_type = None, "", ""
        entry.save()
    return entry


def inputs_for_editors(case):
    """The input received, by organisation, without the files' content."""
    return (
        case.inputs.defer("file_content")
        .select_related("organisation", "written_by")
        .order_by("organisation__name")
    )


def organisations_without_input(case):
    return (
        MemberOrganisation.objects.active()
        .exclude(pk__in=case.inputs.values("organisation"))
        .order_by("name")
    )


def inputs_csv(case):
    """The input as CSV for the drafting editors."""
    return spreadsheet_csv(
        [_("Organisation"), _("Written by"), _("Last changed"), _("Input"), _("Attached file")],
        (
            (
                entry.organisation.name,
                entry.written_by.get_full_name() if entry.written_by else "",
                timezone.localtime(entry.updated_at).strftime("%Y-%m-%d %H:%M"),
                entry.text,
                entry.file_name,
            )
            for entry in inputs_for_editors(case)
        ),
    )
