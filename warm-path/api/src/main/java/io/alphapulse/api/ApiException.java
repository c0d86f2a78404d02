/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import java.util.Map;

/**
 * A failure a client can act on, answered as {@code application/problem+json} (RFC 9457): the status, a short title
 * and a detail that says what to change. Anything else that escapes a handler is a 500 whose detail reveals nothing.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient Map<String, String> headers;

    /**
     * A problem.
     *
     * @param status  HTTP status.
     * @param type    short problem type, e.g. {@code invalid-parameter}.
     * @param title   short summary.
     * @param detail  what happened and what to do.
     * @param headers extra response headers (Retry-After, WWW-Authenticate).
     */
    public ApiException(
        final int status, final String type, final String title, final String detail, final Map<String, String> headers)
    {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    /**
     * 400 for a bad parameter or body.
     *
     * @param detail what is wrong and what is expected.
     * @return the exception.
     */
    public static ApiException badRequest(final String detail)
    {
        return new ApiException(400, "invalid-request", "Invalid request", detail, Map.of());
    }

    /**
     * 404.
     *
     * @param detail what was not found.
     * @return the exception.
     */
    public static ApiException notFound(final String detail)
    {
        return new ApiException(404, "not-found", "Not found", detail, Map.of());
    }

    /**
     * 409.
     *
     * @param detail the conflict.
     * @return the exception.
     */
    public static ApiException conflict(final String detail)
    {
        return new ApiException(409, "conflict", "Conflict", detail, Map.of());
    }

    /**
     * 401 with a Bearer challenge.
     *
     * @param detail why the credentials were refused.
     * @return the exception.
     */
    public static ApiException unauthorized(final String detail)
    {
        return new ApiException(401, "unauthorized", "Unauthorized", detail,
            Map.of("WWW-Authenticate", "Bearer realm=\"alphapulse\", error=\"invalid_token\""));
    }

    /**
     * 403.
     *
     * @param detail which role is needed.
     * @return the exception.
     */
    public static ApiException forbidden(final String detail)
    {
        return new ApiException(403, "forbidden", "Forbidden", detail, Map.of());
    }

    /**
     * 503.
     *
     * @param type   problem type.
     * @param detail what is unavailable and what to do.
     * @return the exception.
     */
    public static ApiException unavailable(final String type, final String detail)
    {
        return new ApiException(503, type, "Service unavailable", detail, Map.of("Retry-After", "5"));
    }

    /**
     * HTTP status.
     *
     * @return status.
     */
    public int status()
    {
        return status;
    }

    /**
     * Problem type (short form).
     *
     * @return type.
     */
    public String type()
    {
        return type;
    }

    /**
     * Title.
     *
     * @return title.
     */
    public String title()
    {
        return title;
    }

    /**
     * Extra response headers.
     *
     * @return headers.
     */
    public Map<String, String> headers()
    {
        return headers;
    }
}
