"""{% load formatting %}: {{ value|kroner }}, {{ value|exact_kroner }}, {{ value|amount }},
{{ date|day }}, {{ moment|moment }}. See brobygger/core/formatting.py."""

from django import template

from brobygger.core import formatting

register = template.Library()

register.filter("kroner", formatting.kroner)
register.filter("exact_kroner", formatting.exact_kroner)
register.filter("amount", formatting.amount)
register.filter("score", formatting.score)
register.filter("day", formatting.day)
register.filter("moment", formatting.moment)
