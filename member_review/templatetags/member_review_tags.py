from django import template

from members.models import Representative

register = template.Library()


@register.simple_tag
def represents_a_member(user):
    """Whether `user` is a representative of an active member organisation."""
    return Representative.voting_organisation(user) is not None
