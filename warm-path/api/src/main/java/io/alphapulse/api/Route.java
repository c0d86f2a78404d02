/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.auth.Role;
import io.javalin.http.Handler;

import java.util.List;

/**
 * One row of the route table the server is built from: Javalin registers the handler and {@link OpenApi} documents
 * the same row, so a route cannot exist without its documentation or the other way round.
 *
 * @param method      HTTP method (GET, POST, PATCH, DELETE).
 * @param path        path with {@code {name}} path parameters (Javalin's and OpenAPI's syntax alike).
 * @param operationId OpenAPI operation id.
 * @param tag         group in the document.
 * @param summary     one line: what it does.
 * @param role        role required, or null for a public route.
 * @param request     request body, or null.
 * @param response    success body.
 * @param status      success status.
 * @param params      path and query parameters.
 * @param handler     the handler (auth is checked before it runs).
 */
public record Route(
    String method,
    String path,
    String operationId,
    String tag,
    String summary,
    Role role,
    Body request,
    Body response,
    int status,
    List<Param> params,
    Handler handler)
{
    /**
     * A path or query parameter.
     *
     * @param name        name.
     * @param in          {@code path} or {@code query}.
     * @param type        OpenAPI type: string, integer, number, boolean.
     * @param format      OpenAPI format (int32, int64, date-time) or null.
     * @param required    whether required.
     * @param description what it means, its default and limits.
     */
    public record Param(String name, String in, String type, String format, boolean required, String description)
    {
        static Param path(final String name, final String format, final String description)
        {
            return new Param(name, "path", "integer", format, true, description);
        }

        static Param pathText(final String name, final String description)
        {
            return new Param(name, "path", "string", null, true, description);
        }

        static Param query(final String name, final String type, final String format, final String description)
        {
            return new Param(name, "query", type, format, false, description);
        }

        static Param required(final String name, final String type, final String format, final String description)
        {
            return new Param(name, "query", type, format, true, description);
        }
    }

    /**
     * A body: one record, a list of records, a page of records, or plain text.
     *
     * @param kind kind.
     * @param type the record class (the text's media type name for TEXT).
     */
    public record Body(Kind kind, Class<?> type)
    {
        /**
         * Body kinds.
         */
        public enum Kind
        {
            /**
             * One JSON object.
             */
            ONE,
            /**
             * A JSON array.
             */
            LIST,
            /**
             * A {@link Dto.Page}.
             */
            PAGE,
            /**
             * Plain text (Prometheus exposition format).
             */
            TEXT,
            /**
             * A JSON document of its own (the OpenAPI document).
             */
            JSON,
            /**
             * No body (204).
             */
            NONE
        }

        static Body one(final Class<?> type)
        {
            return new Body(Kind.ONE, type);
        }

        static Body list(final Class<?> type)
        {
            return new Body(Kind.LIST, type);
        }

        static Body page(final Class<?> type)
        {
            return new Body(Kind.PAGE, type);
        }

        static Body json()
        {
            return new Body(Kind.JSON, Object.class);
        }

        static Body text()
        {
            return new Body(Kind.TEXT, String.class);
        }

        static Body none()
        {
            return new Body(Kind.NONE, Void.class);
        }
    }
}
