"""Validation of Danish identifiers, with messages a user can act on."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.utils.translation import gettext as _
from stdnum import ean as stdnum_ean
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError


def normalise_cvr(value: str) -> str:
    """Return the 8-digit CVR number, or raise a ValidationError with a Danish message."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return stdnum_cvr.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("Et CVR-nummer har 8 cifre. Du har skrevet %(count)s.")
            % {"count": len(stdnum_cvr.compact(value))},
            code="cvr_length",
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("Et CVR-nummer består kun af cifre og kan ikke begynde med 0."), code="cvr_format"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("CVR-nummeret findes ikke: kontrolcifferet passer ikke. Tjek, om der er byttet om på to cifre."),
            code="cvr_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(_("CVR-nummeret er ikke gyldigt."), code="cvr_invalid") from None


def normalise_ean(value: str) -> str:
    """Return the 13-digit EAN location number, or raise a ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    compact = stdnum_ean.compact(value)
    if not compact.isdigit():
        raise ValidationError(_("Et EAN-nummer består kun af cifre."), code="ean_format")
    if len(compact) != 13:
        raise ValidationError(
            _("Et EAN-nummer har 13 cifre. Du har skrevet %(count)s.") % {"count": len(compact)},
            code="ean_length",
        )
    try:
        return stdnum_ean.validate(compact)
    except StdnumError:
        raise ValidationError(
            _("EAN-nummeret er ikke gyldigt: det sidste kontrolciffer passer ikke."),
            code="ean_checksum",
        ) from None


# A web or email address in text that Brobygger puts in an email (an invitee's name, an
# alliance's title): refused, so no one can make Brobygger mail a link of their choosing.
_LINK = re.compile(
    r"(://|\bwww\.|@|\b[\w-]+\.(?:dk|com|net|org|eu|io|info|biz|nu|se|no|de|uk|co|me|app|site|online|xyz|shop|ly|link|click)\b)",
    re.IGNORECASE,
)


def refuse_links(value: str, *, field: str) -> None:
    """Raise a ValidationError under `field` when the text holds something that reads as a web
    or email address."""
    if _LINK.search(value or ""):
        raise ValidationError(
            {field: [_("Må ikke indeholde en webadresse eller en e-mailadresse.")]}
        )


# Addresses anyone can get: such a domain never proves that a person works somewhere.
FREE_MAIL_DOMAINS = frozenset(
    {
        "aol.com", "email.dk", "get2net.dk", "gmail.com", "gmx.com", "gmx.net", "googlemail.com",
        "hotmail.com", "hotmail.dk", "icloud.com", "jubii.dk", "live.com", "live.dk", "mail.dk",
        "me.com", "msn.com", "ofir.dk", "outlook.com", "outlook.dk", "privat.dk", "proton.me",
        "protonmail.com", "sol.dk", "stofanet.dk", "youmail.dk", "yahoo.com", "yahoo.dk",
    }
)
_domain_validator = DomainNameValidator(accept_idna=True)


def normalise_domain(value: str) -> str:
    """Return an email domain in lower case (e.g. "lejre.dk" from "@Lejre.dk"), or raise a
    ValidationError under "domain"."""
    domain = (value or "").strip().lower().removeprefix("@").rstrip(".")
    if not domain:
        raise ValidationError({"domain": [_("Skriv domænet, fx lejre.dk.")]})
    try:
        _domain_validator(domain)
    except ValidationError:
        raise ValidationError(
            {"domain": [_("Skriv kun domænet, som det står efter @ i en e-mailadresse, fx lejre.dk.")]}
        ) from None
    if domain in FREE_MAIL_DOMAINS:
        raise ValidationError(
            {"domain": [_("%(domain)s er en gratis e-mailtjeneste, som alle kan få en adresse hos. Den kan ikke bekræfte en arbejdsplads.") % {"domain": domain}]}
        )
    return domain
