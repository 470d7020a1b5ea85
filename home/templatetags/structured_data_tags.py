from django import template

from home.core.structured_data import json_ld, network_details

register = template.Library()


@register.simple_tag(takes_context=True)
def network_json_ld(context):
    return json_ld(network_details(context["request"]))
