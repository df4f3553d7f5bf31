"""The OpenAPI schema names every error an operation can answer, in the one error shape."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

ERRORS = {
    "400": "The request could not be read.",
    "401": "No valid bearer token or session.",
    "403": "The signed-in session's CSRF check failed.",
    "404": "Not found, or out of the caller's reach.",
    "409": "Someone else changed the record first (stale version), or the change is not allowed "
    "in the record's state.",
    "413": "The request body is too large.",
    "422": "Invalid fields; `fields` names each one.",
    "500": "An error in Amparo (logged; no details are sent).",
}


def _errors_of(method: str, operation: dict[str, Any]) -> list[str]:
    has_input = bool(operation.get("parameters")) or "requestBody" in operation
    codes = ["400", "401", "404"] if has_input else ["400", "401"]
    if method != "get":
        codes += ["403", "409", "413"]
    if has_input:
        codes.append("422")
    return codes


class AmparoAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/Error"}
        for item in schema["paths"].values():
            for method, operation in item.items():
                responses = operation.setdefault("responses", {})
                for code in _errors_of(method, operation):
                    responses.setdefault(
                        code,
                        {
                            "description": ERRORS[code],
                            "content": {"application/json": {"schema": ref}},
                        },
                    )
                responses.setdefault(
                    "500",
                    {
                        "description": "An error in Amparo (logged; no details are sent).",
                        "content": {"application/json": {"schema": ref}},
                    },
                )
        return schema
