"""The handling fields of a consultation response (`ConsultationResponsePage.handling_fields`:
status and submitted date) belong to the consultation, which the Swedish page and its
translations share, and not to any revision of its text."""

from positions.models import ConsultationResponsePage


def change_handling(page, **fields):
    """Set the handling fields of `page` and its translations, without a new revision."""
    for translation_page in ConsultationResponsePage.objects.filter(
        translation_key=page.translation_key
    ):
        for name, value in fields.items():
            setattr(translation_page, name, value)
        # Not cleaned: the answered state's rules are the delivery's (delivery_refusal).
        translation_page.save(update_fields=list(fields), clean=False)


def translation_shares_the_handling(sender, source_obj, target_obj, **kwargs):
    """`copy_for_translation_done`: a new translation is the same consultation, so it takes its
    source's handling, which a copy (a new consultation) does not (`exclude_fields_in_copy`)."""
    if not isinstance(target_obj, ConsultationResponsePage):
        return
    source = ConsultationResponsePage.objects.get(pk=source_obj.pk)
    fields = {name: getattr(source, name) for name in ConsultationResponsePage.handling_fields}
    for name, value in fields.items():
        setattr(target_obj, name, value)
    target_obj.save(update_fields=list(fields), clean=False)
