"""The OpenAPI schema turned into what the documentation page lists: the operations grouped
by their tag, each with its parameters, body and answers, and the schemas' fields."""

from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str
    read_only: bool = False
    # The schema component the type is, for a link; empty for a plain type.
    ref: str = ""


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Field]
    body: str  # the request body's schema name, or ""
    responses: list[tuple[str, str, str]]  # (status, description, schema name)


@dataclass
class Group:
    tag: str
    operations: list[Operation] = field(default_factory=list)


def _ref_name(schema: dict | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        name = _ref_name(schema.get("items"))
        return f"{name}[]" if name else "array"
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            return " | ".join(filter(None, (_ref_name(part) for part in schema[combined])))
    return schema.get("type", "")


def component_of(schema: dict) -> str:
    """The one component a field's schema names (directly, as list items or as allOf), if any."""
    name = _ref_name(schema).removesuffix("[]")
    return name if name and name[0].isupper() and " " not in name else ""


def type_of(schema: dict) -> str:
    name = _ref_name(schema)
    if schema.get("enum"):
        name = f"{name or 'string'}: " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    if schema.get("format"):
        name = f"{name} ({schema['format']})"
    if schema.get("nullable"):
        name += " | null"
    return name


def operations_of(schema: dict) -> list[Group]:
    groups: dict[str, Group] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            responses = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                media = next(iter(content.values()), {})
                responses.append((status, answer.get("description", ""), _ref_name(media.get("schema"))))
            groups.setdefault(tag, Group(tag)).operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=[
                        Field(
                            name=f"{parameter['name']} ({parameter['in']})",
                            type=type_of(parameter.get("schema", {})),
                            required=parameter.get("required", False),
                            description=parameter.get("description", ""),
                            ref=component_of(parameter.get("schema", {})),
                        )
                        for parameter in operation.get("parameters", [])
                    ],
                    body=_ref_name(body),
                    responses=responses,
                )
            )
    return list(groups.values())


def components_of(schema: dict) -> list[tuple[str, str, list[Field]]]:
    """(name, description, fields) for each schema component."""
    found = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            Field(
                name=field_name,
                type=type_of(field_schema),
                required=field_name in required,
                description=field_schema.get("description", ""),
                read_only=field_schema.get("readOnly", False),
                ref=component_of(field_schema),
            )
            for field_name, field_schema in component.get("properties", {}).items()
        ]
        description = component.get("description", "")
        if not fields and component.get("enum"):
            description = (description + " " + type_of(component)).strip()
        found.append((name, description, fields))
    return found
