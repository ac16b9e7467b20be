"""Display filters for planning figures (Indonesian number format, "—" for none)."""

from django import template

from planning.display import number_text, percent_text

register = template.Library()


@register.filter
def angka(value):
    return number_text(value)


@register.filter
def persen(value):
    return percent_text(value)
