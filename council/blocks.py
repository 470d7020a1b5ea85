"""The blocks of a council meeting's agenda and decisions."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from home.blocks import ParagraphBlock

DECISION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AgendaItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Item"), max_length=200)
    description = blocks.TextBlock(
        label=_("Description"),
        required=False,
        max_length=1000,
        help_text=_("What the council talks about under this item, and who presents it."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")


class AgendaBlocks(blocks.StreamBlock):
    item = AgendaItemBlock()


class DecisionBlock(blocks.StructBlock):
    reference = blocks.CharBlock(
        label=_("Reference"),
        required=False,
        max_length=60,
        help_text=_("The paragraph of the minutes or the case number, e.g. § 5 or RV 2027/123."),
    )
    text = ParagraphBlock(label=_("Decision"), features=DECISION_FEATURES)

    class Meta:
        icon = "circle-check"
        label = _("Decision")


class DecisionBlocks(blocks.StreamBlock):
    decision = DecisionBlock()
