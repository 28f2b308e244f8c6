"""Reading HTML in tests."""

# Elements that have no end tag (and <use>, which the icons write self-closed).
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr", "use"}
)
