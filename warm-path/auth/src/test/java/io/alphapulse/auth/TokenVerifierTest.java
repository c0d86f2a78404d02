/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenVerifierTest
{
    private static final JwtSecret SECRET =
        JwtSecret.of("0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8), "test");
    private static final JwtSecret OTHER_SECRET =
        JwtSecret.of("fedcba9876543210fedcba9876543210-evil".getBytes(StandardCharsets.UTF_8), "other");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TokenIssuer issuer =
        new TokenIssuer(SECRET, "alphapulse", "alphapulse", Duration.ofMinutes(5), CLOCK);
    private final TokenVerifier verifier = new TokenVerifier(SECRET, "alphapulse", "alphapulse", CLOCK);

    @Test
    void shouldAcceptATokenItIssuedWithUserAndRoles()
    {
        final TokenVerification result = verifier.verify(issuer.issue("alice", EnumSet.of(Role.VIEWER, Role.TRADER)));

        assertTrue(result.isAccepted(), String.valueOf(result.rejection()));
        assertEquals("alice", result.principal().user());
        assertEquals(Set.of(Role.VIEWER, Role.TRADER), result.principal().roles());
        assertEquals(NOW.plus(Duration.ofMinutes(5)), result.principal().expiresAt());
    }

    @Test
    void shouldRejectMissingAndMalformedTokens()
    {
        assertEquals(TokenRejection.MISSING, verifier.verify(null).rejection());
        assertEquals(TokenRejection.MISSING, verifier.verify(" ").rejection());
        assertEquals(TokenRejection.MALFORMED, verifier.verify("not-a-jwt").rejection());
        assertEquals(TokenRejection.MALFORMED, verifier.verify("a.b.c").rejection());
    }

    @Test
    void shouldRejectAnExpiredTokenBeyondTheLeeway()
    {
        final String token = issuer.issue("alice", EnumSet.of(Role.VIEWER));
        final Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(5)).plusSeconds(6), ZoneOffset.UTC);
        final Clock withinLeeway = Clock.fixed(NOW.plus(Duration.ofMinutes(5)).plusSeconds(4), ZoneOffset.UTC);

        assertEquals(TokenRejection.EXPIRED,
            new TokenVerifier(SECRET, "alphapulse", "alphapulse", later).verify(token).rejection());
        assertTrue(new TokenVerifier(SECRET, "alphapulse", "alphapulse", withinLeeway).verify(token).isAccepted());
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey()
    {
        final String forged = new TokenIssuer(OTHER_SECRET, "alphapulse", "alphapulse", Duration.ofMinutes(5), CLOCK)
            .issue("mallory", EnumSet.of(Role.ADMIN));

        assertEquals(TokenRejection.BAD_SIGNATURE, verifier.verify(forged).rejection());
    }

    @Test
    void shouldRejectATamperedPayload()
    {
        final String token = issuer.issue("alice", EnumSet.of(Role.VIEWER));
        final String[] parts = token.split("\\.");
        final String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"viewer\"", "\"admin\"");
        final String tampered = parts[0] + "." +
            Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." +
            parts[2];

        assertEquals(TokenRejection.BAD_SIGNATURE, verifier.verify(tampered).rejection());
    }

    @Test
    void shouldRejectAnUnsignedAlgNoneToken()
    {
        final String unsigned = JWT.create().withIssuer("alphapulse").withAudience("alphapulse").withSubject("alice")
            .withArrayClaim("roles", new String[]{"admin"}).withExpiresAt(NOW.plusSeconds(60))
            .sign(Algorithm.none());
        final String header = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"NONE\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        final String upperCaseNone = header + unsigned.substring(unsigned.indexOf('.'));

        assertEquals(TokenRejection.ALG_NONE, verifier.verify(unsigned).rejection());
        assertEquals(TokenRejection.ALG_NONE, verifier.verify(upperCaseNone).rejection());
    }

    @Test
    void shouldRejectAnotherAlgorithmEvenWithOurKey()
    {
        final String hs512 = JWT.create().withIssuer("alphapulse").withAudience("alphapulse").withSubject("alice")
            .withArrayClaim("roles", new String[]{"viewer"}).withExpiresAt(NOW.plusSeconds(60))
            .sign(Algorithm.HMAC512("0123456789abcdef0123456789abcdef-test"));

        assertEquals(TokenRejection.WRONG_ALGORITHM, verifier.verify(hs512).rejection());
    }

    @Test
    void shouldRejectWrongAudienceAndIssuer()
    {
        final String otherAudience = new TokenIssuer(SECRET, "alphapulse", "someone-else", Duration.ofMinutes(5),
            CLOCK).issue("alice", EnumSet.of(Role.VIEWER));
        final String otherIssuer = new TokenIssuer(SECRET, "someone-else", "alphapulse", Duration.ofMinutes(5),
            CLOCK).issue("alice", EnumSet.of(Role.VIEWER));

        assertEquals(TokenRejection.WRONG_AUDIENCE, verifier.verify(otherAudience).rejection());
        assertEquals(TokenRejection.WRONG_ISSUER, verifier.verify(otherIssuer).rejection());
    }

    @Test
    void shouldRejectATokenIssuedInTheFuture()
    {
        final String future = new TokenIssuer(SECRET, "alphapulse", "alphapulse", Duration.ofMinutes(5),
            Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC)).issue("alice", EnumSet.of(Role.VIEWER));

        assertEquals(TokenRejection.NOT_YET_VALID, verifier.verify(future).rejection());
    }

    @Test
    void shouldRejectMissingOrUnknownRoles()
    {
        final Algorithm hs256 = Algorithm.HMAC256("0123456789abcdef0123456789abcdef-test");
        final String noRoles = JWT.create().withIssuer("alphapulse").withAudience("alphapulse").withSubject("alice")
            .withExpiresAt(NOW.plusSeconds(60)).sign(hs256);
        final String unknownRole = JWT.create().withIssuer("alphapulse").withAudience("alphapulse")
            .withSubject("alice").withArrayClaim("roles", new String[]{"root"}).withExpiresAt(NOW.plusSeconds(60))
            .sign(hs256);
        final String noExpiry = JWT.create().withIssuer("alphapulse").withAudience("alphapulse").withSubject("alice")
            .withArrayClaim("roles", new String[]{"viewer"}).sign(hs256);

        assertEquals(TokenRejection.BAD_CLAIMS, verifier.verify(noRoles).rejection());
        assertEquals(TokenRejection.BAD_CLAIMS, verifier.verify(unknownRole).rejection());
        assertEquals(TokenRejection.EXPIRED, verifier.verify(noExpiry).rejection());
    }

    @Test
    void shouldNeverShowTheSecretAndRefuseShortOnes()
    {
        assertFalse(SECRET.toString().contains("0123456789abcdef"));
        assertThrows(IllegalArgumentException.class,
            () -> JwtSecret.of("short".getBytes(StandardCharsets.UTF_8), "test"));
        final IllegalStateException none = assertThrows(IllegalStateException.class,
            () -> JwtSecret.fromEnvironment(Map.of()));
        assertTrue(none.getMessage().contains(JwtSecret.ENV_NAME));
        assertTrue(JwtSecret.fromEnvironment(Map.of(JwtSecret.ENV_NAME, "0123456789abcdef0123456789abcdef-test"))
            .toString().contains("environment"));
    }

    @Test
    void shouldReadASecretFileOnlyWhenPrivate(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("jwt.secret");
        Files.writeString(file, "0123456789abcdef0123456789abcdef-test\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        final IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
            () -> JwtSecret.fromFile(file));
        assertTrue(open.getMessage().contains("chmod 600"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        final TokenVerifier fromFile = new TokenVerifier(JwtSecret.fromFile(file), "alphapulse", "alphapulse", CLOCK);
        assertTrue(fromFile.verify(issuer.issue("alice", EnumSet.of(Role.VIEWER))).isAccepted());
    }
}
