"""What every app's services share."""


class _Keep:
    """The default of an update service's field: leave the field as it is. A caller who
    names a field sets it; one who leaves it out keeps it (a misspelt name is still an
    error, because every field is a named parameter)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()
