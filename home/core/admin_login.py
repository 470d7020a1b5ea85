"""The admin's login form: Wagtail's, with a label on its password field.

Wagtail's form redeclares the field without one, so the admin showed the field's name, an
English "Password", whatever the language.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
