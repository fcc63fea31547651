package bench.registration;

import contract.Tier;
import functions.registration.RegistrationInput;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The registrations a run sends: unique tenant names and admin emails, pooled tiers in turn, every
 * {@code platinumEvery}-th one a silo (PLATINUM) tenant, each with its own Idempotency-Key.
 */
final class Workload {

    /** One POST /registration: its Idempotency-Key and body. */
    record Registration(String idempotencyKey, RegistrationInput input, Tier tier) {
    }

    private static final List<Tier> POOLED = List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM);

    private Workload() {
    }

    /** {@code count} registrations numbered from {@code first}; {@code platinumEvery} 0 means pooled only. */
    static List<Registration> registrations(String prefix, int first, int count, int platinumEvery) {
        List<Registration> list = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            Tier tier = platinumEvery > 0 && i % platinumEvery == platinumEvery - 1 ? Tier.PLATINUM
                    : POOLED.get(i % POOLED.size());
            list.add(new Registration(UUID.randomUUID().toString(), new RegistrationInput(
                    "Bench " + prefix + " Tenant " + i, "admin" + i + "@" + prefix + "-tenant" + i + ".example",
                    tier.name(), i + " Bench Street", "+1415555" + String.format("%04d", i % 10_000)), tier));
        }
        return list;
    }

    /** New keys and emails, but each with the tenant name of one of {@code taken}: every one must be a 409. */
    static List<Registration> sameNames(List<Registration> taken, int count) {
        List<Registration> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RegistrationInput original = taken.get(i % taken.size()).input();
            list.add(new Registration(UUID.randomUUID().toString(), new RegistrationInput(original.tenantName(),
                    "other" + i + "@duplicate-name.example", original.tier(), original.address(), original.phone()),
                    Tier.valueOf(original.tier())));
        }
        return list;
    }
}
