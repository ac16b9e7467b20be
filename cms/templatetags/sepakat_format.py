"""Template filters: ``{{ amount|rupiah }}``, ``{{ day|tanggal }}``, ``{{ moment|waktu }}``, ``{{ 12|bulan }}``.

Registered as a template library in settings.TEMPLATES (cms is not an app): ``{% load sepakat_format %}``.
"""

from django import template

from cms.formatting import format_date, format_datetime, format_month, format_rupiah

register = template.Library()


@register.filter
def rupiah(amount, decimals: int = 2) -> str:
    return format_rupiah(amount, decimals=int(decimals))


@register.filter
def tanggal(value) -> str:
    return format_date(value)


@register.filter
def waktu(value) -> str:
    return format_datetime(value)


@register.filter
def bulan(value) -> str:
    return format_month(value)
