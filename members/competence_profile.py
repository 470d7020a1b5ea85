"""What a member organisation tells about its competences: the kind of organisation, the
competences it holds, where it works beyond its own municipality and its capacity to take part.
Editors change it in the organisation's snippet; a representative changes their own
organisation's through `change_competences`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from home.models.mixins import in_default_locale
from home.models.places import Municipality
from members.models import Capacity, Competence, MemberOrganisation, OrganisationKind

LOG_ACTION = "members.competences"


def profile(organisation):
    """The organisation's competence fields, as the log keeps them."""
    return {
        "kind": organisation.kind,
        "competences": sorted(organisation.competences.values_list("slug", flat=True)),
        "reach": sorted(place.municipality for place in organisation.reach.all()),
        "capacity": organisation.capacity,
    }


def change_competences(organisation, user, *, kind, competences, reach, capacity):
    """Save what `user` says of `organisation`'s competences, and log it, in one transaction.

    Only the competence fields change; the organisation's row is locked meanwhile, so that two
    representatives saving at once leave one whole answer rather than a mixture. Raises
    ValidationError for a value that is not one of the choices.
    """
    competences = list(competences)
    if kind not in OrganisationKind.values:
        raise ValidationError(_("Choose a kind of organisation from the list."))
    if capacity not in ("", *Capacity.values):
        raise ValidationError(_("Choose a capacity from the list."))
    if any(code not in Municipality.values for code in reach):
        raise ValidationError(_("Choose municipalities from the list."))
    canonical = Competence.objects.filter(in_default_locale())
    if canonical.filter(pk__in=[c.pk for c in competences]).count() != len(set(competences)):
        raise ValidationError(_("Choose competences from the list."))

    with transaction.atomic():
        organisation = MemberOrganisation.objects.select_for_update(of=("self",)).get(
            pk=organisation.pk
        )
        before = profile(organisation)
        organisation.kind = kind
        organisation.capacity = capacity
        organisation.competences = competences
        organisation.set_reach(reach)
        organisation.save()
        organisation.share_competences_with_translations()
        after = profile(organisation)
        if after != before:
            log(
                instance=organisation,
                action=LOG_ACTION,
                user=user,
                data={"before": before, "after": after},
            )
    return organisation
