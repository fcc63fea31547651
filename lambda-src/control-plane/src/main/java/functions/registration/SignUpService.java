package functions.registration;

import contract.Env;
import contract.Tier;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.OnboardingFunnel;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.tenants.ControlPlane;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The public sign-up in two steps: nothing is provisioned until the admin email is proven.
 *
 * <ol>
 *   <li>{@link #signUp} (POST /registration) validates the body, records the request PENDING_VERIFICATION with its
 *       name and email claims, both expiring after {@link #PENDING_LIFETIME}, stores only the hash of a fresh
 *       one-time code and mails the code to the admin email ({@link VerificationMail}). A replay of the same
 *       Idempotency-Key and body answers where the registration stands, as before; a replay of one that lapsed
 *       (expired, or out of attempts) starts it again with a new code, if its name and email are still free.</li>
 *   <li>{@link #verify} (POST /registration/{requestId}/verify) counts the attempt first (at most
 *       {@link #MAX_CODE_ATTEMPTS} per code, race-free), compares the code with the hash in constant time, and on a
 *       match makes the claims permanent and runs {@link RegistrationService}'s saga unchanged. The last wrong
 *       attempt releases the claims at once.</li>
 * </ol>
 *
 * An unverified registration's claims are released by time alone: the claim path treats a claim past its
 * {@code expiresAt} as free (see {@link RegistrationRepository}), so no scheduled job and no deletion is needed.
 */
public final class SignUpService {

    /** The environment variable naming the registrant pool (constructs.RegistrantPool) that mails the codes. */
    public static final String REGISTRANT_POOL_ID = Env.REGISTRANT_POOL_ID.variable();

    /** How long an unverified sign-up holds its tenant name and admin email. */
    static final Duration PENDING_LIFETIME = Duration.ofHours(1);

    /** Verification calls per code; the last wrong one releases the claims. */
    static final int MAX_CODE_ATTEMPTS = 5;

    private final RegistrationService saga;
    private final RegistrationRepository registrations;
    private final VerificationMail mail;
    private final SignUpMailQuota quota;
    private final Supplier<String> codes;
    private final Clock clock;

    SignUpService(RegistrationService saga, RegistrationRepository registrations, VerificationMail mail,
                  SignUpMailQuota quota, Supplier<String> codes, Clock clock) {
        this.saga = saga;
        this.registrations = registrations;
        this.mail = mail;
        this.quota = quota;
        this.codes = codes;
        this.clock = clock;
    }

    /** On the control plane's tables, mailing through the registrant pool {@code REGISTRANT_POOL_ID}. */
    public static SignUpService create(ControlPlane plane, Map<String, String> env) {
        String pool = env.get(REGISTRANT_POOL_ID);
        if (pool == null || pool.isBlank()) {
            throw new IllegalStateException(REGISTRANT_POOL_ID + " is required");
        }
        return create(plane, CognitoVerificationMail.create(plane.config().region(), pool),
                VerificationCodes.secureRandom(), SignUpMailQuota.perDay(env));
    }

    static SignUpService create(ControlPlane plane, VerificationMail mail, Supplier<String> codes) {
        return create(plane, mail, codes, SignUpMailQuota.DEFAULT_PER_DAY);
    }

    static SignUpService create(ControlPlane plane, VerificationMail mail, Supplier<String> codes, int mailsPerDay) {
        return new SignUpService(RegistrationService.create(plane),
                new RegistrationRepository(plane.dynamo(), plane.config().registrationsTable()), mail,
                new SignUpMailQuota(plane.dynamo(), plane.config().registrationsTable(), mailsPerDay), codes,
                plane.clock());
    }

    /**
     * POST /registration, the anonymous sign-up: pooled tiers only. A Platinum tenant gets a dedicated stack (its
     * own KMS key, tables and user pool, retained), so only an operator creates one
     * ({@link RegistrationService#registerAs}).
     */
    public RegistrationView signUp(String idempotencyKey, RegistrationInput input) {
        if (input != null && Tier.PLATINUM.name().equals(input.tier())) {
            throw new ForbiddenException("tier PLATINUM (a dedicated silo stack) is created by the operations team,"
                    + " not by public sign-up");
        }
        String requestId = Validation.uuid(RegistrationService.IDEMPOTENCY_KEY, idempotencyKey);
        RegistrationRequest request = input.validated();
        long now = clock.millis();
        String code = codes.get();
        RegistrationRecord fresh = saga.record(requestId, request, RegistrationStatus.PENDING_VERIFICATION, 0,
                VerificationCodes.hash(requestId, code), expiry(now));
        if (registrations.start(fresh, now / 1000, saga.iso())) {
            return mailed(fresh, code);
        }
        RegistrationRecord existing = saga.existing(requestId, fresh);
        if (!existing.pending()) {
            return saga.replay(existing, request, now);
        }
        if (!existing.lapsedAt(now / 1000, MAX_CODE_ATTEMPTS)) {
            return saga.view(existing);
        }
        RegistrationRecord next = existing.restartedWith(UUID.randomUUID().toString(),
                VerificationCodes.hash(requestId, code), expiry(now));
        if (!registrations.restartPending(existing, next, now / 1000, MAX_CODE_ATTEMPTS, saga.iso())) {
            return saga.view(registrations.find(requestId).orElseThrow());
        }
        return mailed(next, code);
    }

    /**
     * POST /registration/{requestId}/verify: the code from the email. A match provisions the tenant (the saga's
     * answer); a wrong code is a 400 saying how many attempts are left; an unknown request is a 404; a used-up,
     * expired or released sign-up is a 409 (POST /registration again for a new code).
     */
    public RegistrationView verify(String requestIdParameter, VerificationInput input) {
        String requestId = Validation.uuid("requestId", requestIdParameter);
        String code = VerificationCodes.canonical("code", input == null ? null : input.code());
        long now = clock.millis();
        RegistrationRecord counted = registrations.countCodeAttempt(requestId, MAX_CODE_ATTEMPTS)
                .orElseThrow(() -> registrations.find(requestId).filter(r -> r.codeHash() != null).isPresent()
                        ? lapsed("has no attempts left")
                        : NotFoundException.item("registration", requestId));
        if (!VerificationCodes.matches(counted.codeHash(), requestId, code)) {
            int left = MAX_CODE_ATTEMPTS - counted.codeAttempts();
            if (left == 0 && counted.pending()) {
                registrations.releaseClaims(counted);
            }
            throw new ValidationException("code", "is not the code we sent; " + left + " attempt"
                    + (left == 1 ? "" : "s") + " left");
        }
        if (!counted.pending()) {
            // Verified before: a replay answers as a replay of the registration does.
            return saga.replay(counted, counted.request(), now);
        }
        if (counted.expiresAt() < now / 1000) {
            throw lapsed("expired");
        }
        RegistrationRecord next = counted.verifiedBy(UUID.randomUUID().toString(),
                now + RegistrationService.LEASE.toMillis());
        if (!registrations.verify(counted, next, now / 1000, saga.iso())) {
            RegistrationRecord current = registrations.find(requestId).orElseThrow();
            if (current.pending()) {
                throw lapsed("expired");
            }
            return saga.replay(current, current.request(), now);
        }
        OnboardingFunnel.verified(next.tier().name());
        // The registrant user has done its job; one left behind is harmless (nobody can sign in to its pool).
        try {
            mail.forget(requestId);
        } catch (RuntimeException ignored) {
            // Never fail a proven sign-up for the mailer's bookkeeping.
        }
        return saga.run(next, next.request(), false);
    }

    private RegistrationView mailed(RegistrationRecord record, String code) {
        try {
            quota.take(record.adminEmail(), clock.instant());
            mail.send(record.requestId(), record.adminEmail(), code);
        } catch (RuntimeException e) {
            // Unsent (refused by the day's quota, or the mailer failed), the code could never be entered: free the
            // claims so the replay starts afresh.
            try {
                registrations.abandon(record);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        OnboardingFunnel.started(record.tier().name());
        return saga.view(record);
    }

    private long expiry(long nowMillis) {
        return (nowMillis + PENDING_LIFETIME.toMillis()) / 1000;
    }

    private static ConflictException lapsed(String why) {
        return new ConflictException("code", why + ": POST /registration again with the same Idempotency-Key and"
                + " body for a new code");
    }
}
