from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.TextChoices):
    """Värmland's sixteen municipalities, and the whole county for what concerns all of them."""

    ARVIKA = "arvika", "Arvika"
    EDA = "eda", "Eda"
    FILIPSTAD = "filipstad", "Filipstad"
    FORSHAGA = "forshaga", "Forshaga"
    GRUMS = "grums", "Grums"
    HAGFORS = "hagfors", "Hagfors"
    HAMMARO = "hammaro", "Hammarö"
    KARLSTAD = "karlstad", "Karlstad"
    KIL = "kil", "Kil"
    KRISTINEHAMN = "kristinehamn", "Kristinehamn"
    MUNKFORS = "munkfors", "Munkfors"
    STORFORS = "storfors", "Storfors"
    SUNNE = "sunne", "Sunne"
    SAFFLE = "saffle", "Säffle"
    TORSBY = "torsby", "Torsby"
    ARJANG = "arjang", "Årjäng"
    WHOLE_COUNTY = "hela-lanet", _("The whole county")
