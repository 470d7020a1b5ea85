"""Every change to a signal, each with its line in the signal's history, in one transaction under
the signal's row lock: what representatives report, edit and consent to, and what editors do
with it. The rules live here, not in the views."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.core.publication import RefusedChange
from members.models import Representative

from . import notifications
from .models import Need, NeedEvent, NeedStatus
from .models.needs import PUBLIC_STATUSES

REPORTED_FIELDS = (
    "title",
    "description",
    "topic",
    "municipality",
    "target_group",
    "contribution",
)
PUBLIC_FIELDS = (
    "public_title",
    "public_title_en",
    "public_summary",
    "public_summary_en",
    "region_answer",
    "region_answer_en",
)


class NeedRefused(RefusedChange):
    """A change to a signal that its rules refuse; the message says why."""


def locked(need):
    return Need.objects.select_for_update(of=("self",)).get(pk=need.pk)


def log(need, user, action, **fields):
    return NeedEvent.objects.create(need=need, user=user, action=action, **fields)


# The organisation's side ------------------------------------------------------------------------


def organisation_of(user):
    organisation = Representative.voting_organisation(user)
    if organisation is None:
        raise NeedRefused(_("Only a representative of a member organisation can report a need."))
    return organisation


def report(user, consent_to_publish=False, **fields):
    """A new signal from `user`'s organisation; the editors are told by e-mail."""
    organisation = organisation_of(user)
    with transaction.atomic():
        need = Need.objects.create(
            organisation=organisation,
            reported_by=user,
            consent_to_publish=consent_to_publish,
            **{name: fields[name] for name in REPORTED_FIELDS},
        )
        log(need, user, NeedEvent.Action.REPORTED, to_status=need.status)
        if consent_to_publish:
            log(need, user, NeedEvent.Action.CONSENT_GIVEN)
        notifications.tell_editors_of_new(need)
    return need


def own(need, user):
    """The signal, locked, if `user` represents its organisation."""
    need = locked(need)
    organisation = Representative.voting_organisation(user)
    if organisation is None or organisation.pk != need.organisation_id:
        raise NeedRefused(_("Only the organisation's own representatives can change its signal."))
    return need


def edit(need, user, **fields):
    """The organisation's text, changed while the signal is new."""
    with transaction.atomic():
        need = own(need, user)
        if need.status != NeedStatus.NEW:
            raise NeedRefused(
                _("The editors have taken up the signal; its text can no longer be changed.")
            )
        changed = [name for name in REPORTED_FIELDS if getattr(need, name) != fields[name]]
        if not changed:
            return need
        for name in changed:
            setattr(need, name, fields[name])
        need.save()
        log(need, user, NeedEvent.Action.EDITED)
    return need


def set_consent(need, user, consent):
    """The organisation gives or withdraws its consent to publication; withdrawn, the signal
    leaves every public page at once."""
    with transaction.atomic():
        need = own(need, user)
        if need.consent_to_publish == consent:
            return need
        need.consent_to_publish = consent
        need.save()
        action = NeedEvent.Action.CONSENT_GIVEN if consent else NeedEvent.Action.CONSENT_WITHDRAWN
        log(need, user, action)
    return need


# The editors' side ------------------------------------------------------------------------------


def not_merged(need):
    if need.merged_into_id is not None:
        raise NeedRefused(
            _("This signal is merged into “%(title)s”; that signal carries it now.")
            % {"title": need.merged_into.title}
        )


def change_status(need, user, status, note=""):
    """Move the signal to `status`, if its transitions allow; the organisation's representatives
    are told when it is forwarded to the region or answered."""
    with transaction.atomic():
        need = locked(need)
        not_merged(need)
        status = NeedStatus(status)
        if status not in need.allowed_statuses():
            raise NeedRefused(
                _("A signal that is “%(current)s” cannot become “%(status)s”.")
                % {"current": need.get_status_display(), "status": status.label}
            )
        if status == NeedStatus.ANSWERED and not need.region_answer.strip():
            raise NeedRefused(_("Write down the region's answer before marking it answered."))
        previous = need.status
        need.status = status
        now = timezone.now()
        if status == NeedStatus.FORWARDED and need.forwarded_at is None:
            need.forwarded_at = now
        if status == NeedStatus.ANSWERED:
            need.answered_at = now
        unpublish = need.published and status not in PUBLIC_STATUSES
        if unpublish:
            need.published = False
        need.save()
        log(need, user, NeedEvent.Action.STATUS, from_status=previous, to_status=status, note=note)
        if unpublish:
            log(need, user, NeedEvent.Action.UNPUBLISHED)
        if status in PUBLIC_STATUSES:
            notifications.tell_organisation(need)
    return need


def add_note(need, user, note):
    """A note in the signal's history, with no other change."""
    if not note.strip():
        raise NeedRefused(_("Write the note first."))
    with transaction.atomic():
        need = locked(need)
        return log(need, user, NeedEvent.Action.NOTE, note=note)


def merge(need, target, user, note=""):
    """Merge `need` into `target`, a similar signal that carries it from now on: `need` is
    closed, off the public page, and its organisation is named beside the target's if it agrees
    to publication."""
    if need.pk == target.pk:
        raise NeedRefused(_("A signal cannot be merged into itself."))
    with transaction.atomic():
        # Both rows, always in the same order, so that two merges at once cannot deadlock.
        rows = Need.objects.select_for_update(of=("self",)).filter(pk__in=[need.pk, target.pk])
        rows = {row.pk: row for row in rows.order_by("pk")}
        need, target = rows[need.pk], rows[target.pk]
        not_merged(need)
        if target.merged_into_id is not None:
            raise NeedRefused(_("That signal is itself merged into another; merge into that one."))
        if need.merged.exists():
            raise NeedRefused(
                _("Other signals are merged into this one; merge them into the new signal first.")
            )
        previous = need.status
        need.merged_into = target
        need.status = NeedStatus.CLOSED
        was_published, need.published = need.published, False
        need.save()
        log(
            need,
            user,
            NeedEvent.Action.MERGED_INTO,
            from_status=previous,
            to_status=NeedStatus.CLOSED,
            note=note,
            other=target,
        )
        if was_published:
            log(need, user, NeedEvent.Action.UNPUBLISHED)
        target.save()  # the target's public entry now names the merged signal's organisation
        log(target, user, NeedEvent.Action.MERGED_FROM, note=note, other=need)
    return need


def save_public_texts(need, user, texts, published):
    """The editors' public texts and their decision to publish, with a line for each change.

    Publishing needs a heading and a summary, and a signal with the region or answered; the
    signal is public only while its organisation agrees as well (`Need.objects.public()`).
    """
    with transaction.atomic():
        need = locked(need)
        changed = [name for name in PUBLIC_FIELDS if getattr(need, name) != texts[name]]
        for name in changed:
            setattr(need, name, texts[name])
        if published:
            not_merged(need)
            if need.status not in PUBLIC_STATUSES:
                raise NeedRefused(
                    _("Only a signal forwarded to the region or answered can be published.")
                )
            if not (need.public_title.strip() and need.public_summary.strip()):
                raise NeedRefused(_("Write a public heading and summary before publishing."))
        if need.status == NeedStatus.ANSWERED and not need.region_answer.strip():
            raise NeedRefused(_("An answered signal keeps the region's answer."))
        publishing = published != need.published
        if not (changed or publishing):
            return need
        need.published = published
        if published and need.published_at is None:
            need.published_at = timezone.now()
        need.save()
        if changed:
            log(need, user, NeedEvent.Action.PUBLIC_TEXT)
        if publishing:
            log(
                need,
                user,
                NeedEvent.Action.PUBLISHED if published else NeedEvent.Action.UNPUBLISHED,
            )
    return need
