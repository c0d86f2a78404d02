/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.0 document, written from the route table ({@link Route}) and, for bodies, by reflection on the
 * {@link Dto} records. Written by hand because the javalin-openapi plugin serves nothing on Javalin 7.
 */
final class OpenApi
{
    static final String VERSION = "1.0.0";

    private OpenApi()
    {
    }

    static Map<String, Object> document(final List<Route> routes)
    {
        final Map<String, Object> schemas = new TreeMap<>();
        schema(schemas, Dto.Problem.class);
        final Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (final Route route : routes)
        {
            final Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("operationId", route.operationId());
            operation.put("tags", List.of(route.tag()));
            operation.put("summary", route.summary());
            if (null != route.role())
            {
                operation.put("description", "Requires the " + route.role().claimValue() + " role.");
                operation.put("security", List.of(Map.of("bearerAuth", List.of())));
                operation.put("x-required-role", route.role().claimValue());
            }
            if (!route.params().isEmpty())
            {
                final List<Object> parameters = new ArrayList<>();
                for (final Route.Param param : route.params())
                {
                    final Map<String, Object> schema = new LinkedHashMap<>();
                    schema.put("type", param.type());
                    if (null != param.format())
                    {
                        schema.put("format", param.format());
                    }
                    final Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", param.name());
                    parameter.put("in", param.in());
                    parameter.put("required", param.required());
                    parameter.put("description", param.description());
                    parameter.put("schema", schema);
                    parameters.add(parameter);
                }
                operation.put("parameters", parameters);
            }
            if (null != route.request())
            {
                operation.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", bodySchema(schemas, route.request())))));
            }
            final Map<String, Object> responses = new LinkedHashMap<>();
            final Map<String, Object> success = new LinkedHashMap<>();
            success.put("description", "success");
            if (Route.Body.Kind.TEXT == route.response().kind())
            {
                success.put("content", Map.of("text/plain", Map.of("schema", Map.of("type", "string"))));
            }
            else if (Route.Body.Kind.NONE != route.response().kind())
            {
                success.put("content", Map.of("application/json",
                    Map.of("schema", bodySchema(schemas, route.response()))));
            }
            responses.put(Integer.toString(route.status()), success);
            final Map<String, Object> problem = Map.of("application/problem+json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")));
            if (!route.params().isEmpty() || null != route.request())
            {
                responses.put("400", Map.of("description", "invalid parameter or body", "content", problem));
            }
            if (null != route.role())
            {
                responses.put("401", Map.of("description", "no token, or token invalid or expired", "content",
                    problem));
                responses.put("403", Map.of("description", "the token lacks the required role", "content", problem));
            }
            if (route.path().contains("{"))
            {
                responses.put("404", Map.of("description", "not found", "content", problem));
            }
            if (route.operationId().equals("login"))
            {
                responses.put("429", Map.of("description", "too many failed logins; see Retry-After", "content",
                    problem));
            }
            responses.put("503", Map.of("description", "a dependency (database, ledger) is unavailable",
                "content", problem));
            operation.put("responses", responses);
            paths.computeIfAbsent(route.path(), (p) -> new TreeMap<>())
                .put(route.method().toLowerCase(Locale.ROOT), operation);
        }

        final Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of(
            "title", "AlphaPulse API",
            "version", VERSION,
            "description", "Portfolios, orders, fills, market data history and feed health of AlphaPulse. Log in " +
                "with POST /api/v1/auth/login and send the access token as 'Authorization: Bearer <token>'. " +
                "Decimals are strings; times are ISO-8601 UTC. Errors are application/problem+json."));
        document.put("paths", paths);
        document.put("components", Map.of(
            "schemas", schemas,
            "securitySchemes", Map.of("bearerAuth", Map.of("type", "http", "scheme", "bearer",
                "bearerFormat", "JWT"))));
        return document;
    }

    private static Map<String, Object> bodySchema(final Map<String, Object> schemas, final Route.Body body)
    {
        return switch (body.kind())
        {
            case ONE -> ref(schemas, body.type());
            case LIST -> Map.of("type", "array", "items", ref(schemas, body.type()));
            case PAGE ->
            {
                final Map<String, Object> page = new LinkedHashMap<>();
                page.put("type", "object");
                page.put("required", List.of("items"));
                page.put("properties", Map.of(
                    "items", Map.of("type", "array", "items", ref(schemas, body.type())),
                    "nextCursor", Map.of("type", "string", "nullable", true,
                        "description", "pass as cursor for the next page; null on the last page")));
                yield page;
            }
            case JSON -> Map.of("type", "object");
            default -> Map.of("type", "string");
        };
    }

    private static Map<String, Object> ref(final Map<String, Object> schemas, final Class<?> type)
    {
        schema(schemas, type);
        return Map.of("$ref", "#/components/schemas/" + type.getSimpleName());
    }

    private static void schema(final Map<String, Object> schemas, final Class<?> type)
    {
        if (schemas.containsKey(type.getSimpleName()))
        {
            return;
        }
        if (!type.isRecord())
        {
            throw new IllegalArgumentException(type + " is not a record");
        }
        schemas.put(type.getSimpleName(), Map.of());
        final Map<String, Object> properties = new LinkedHashMap<>();
        final List<String> required = new ArrayList<>();
        for (final RecordComponent component : type.getRecordComponents())
        {
            properties.put(component.getName(), typeSchema(schemas, component.getGenericType()));
            if (component.getType().isPrimitive())
            {
                required.add(component.getName());
            }
        }
        final Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (!required.isEmpty())
        {
            schema.put("required", required);
        }
        schema.put("properties", properties);
        schemas.put(type.getSimpleName(), schema);
    }

    private static Map<String, Object> typeSchema(final Map<String, Object> schemas, final Type type)
    {
        if (type instanceof ParameterizedType parameterized)
        {
            final Class<?> raw = (Class<?>)parameterized.getRawType();
            final Type[] args = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw))
            {
                return Map.of("type", "array", "items", typeSchema(schemas, args[0]));
            }
            if (Map.class.isAssignableFrom(raw))
            {
                return Map.of("type", "object", "additionalProperties", typeSchema(schemas, args[1]));
            }
            throw new IllegalArgumentException("no schema for " + type);
        }
        final Class<?> cls = (Class<?>)type;
        if (cls == String.class)
        {
            return Map.of("type", "string");
        }
        if (cls == int.class || cls == Integer.class)
        {
            return Map.of("type", "integer", "format", "int32");
        }
        if (cls == long.class || cls == Long.class)
        {
            return Map.of("type", "integer", "format", "int64");
        }
        if (cls == boolean.class || cls == Boolean.class)
        {
            return Map.of("type", "boolean");
        }
        if (cls.isRecord())
        {
            return ref(schemas, cls);
        }
        throw new IllegalArgumentException("no schema for " + type);
    }
}
