from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of values from `options` (a TextChoices' choices), chosen with checkboxes and kept
    in the order of `options`; the same on every database."""

    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {option for option, _label in self.options}
        if not isinstance(value, list) or not known.issuperset(value):
            raise ValidationError(_("Choose among the options given."), code="invalid_choice")

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or []
        order = [option for option, _label in self.options]
        value = sorted(set(value), key=lambda option: order.index(option) if option in order else 0)
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.options,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=kwargs.get("widget") or forms.CheckboxSelectMultiple,
        )

    def labels(self, values):
        names = dict(self.options)
        return [str(names[value]) for value in values if value in names]
