"""The client's address, as far as this server can know it.

A header anyone can send (X-Forwarded-For) must never decide the address: otherwise a client
picks its own address and walks around every limit kept per address. The header is believed
only when the connection comes from one of the reverse proxies named in the setting
BROBYGGER_TRUSTED_PROXIES (environment variable TRUSTED_PROXIES), and then only as far as
the chain of trusted proxies reaches.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"BROBYGGER_TRUSTED_PROXIES (TRUSTED_PROXIES): {entry!r} is neither an IP "
                "address nor a CIDR network."
            ) from error
    return tuple(networks)


def _trusted_networks() -> tuple[IPNetwork, ...]:
    entries = settings.BROBYGGER_TRUSTED_PROXIES
    if isinstance(entries, str):
        entries = entries.split(",")
    return _networks(tuple(entry for entry in entries if entry.strip()))


def _address(value: str) -> IPAddress | None:
    """The address in value, an IPv4-mapped IPv6 address as IPv4; None if it is none."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: IPAddress | None, networks: tuple[IPNetwork, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy.

    From a trusted proxy, X-Forwarded-For is read from the right (the end its nearest proxy
    wrote), skipping the trusted proxies, and the first address that is not one of them is
    the client. An entry that is not an address ends the walk, and the answer is then
    REMOTE_ADDR, as it is when the header is missing or names only trusted proxies.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks()
    if not _is_trusted(_address(remote_addr), networks):
        return remote_addr
    # Several X-Forwarded-For headers reach Django joined by commas, in order.
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        if not _is_trusted(address, networks):
            return str(address)
    return remote_addr
