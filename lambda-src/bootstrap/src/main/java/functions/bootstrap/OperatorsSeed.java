package functions.bootstrap;

import functions.shared.Telemetry;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.users.Operators;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import contract.UserRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Custom::Operators}: the catalog's first operators ({@code operators: [{"email", "role"}]}, role SystemAdmin
 * or CustomerSupport) made users of the operations pool exactly as the operators API makes them
 * ({@link Operators#create}: the role claim, no tenant, the role's group, an invitation mail with a temporary
 * password). An operator the pool already has (a replayed Create, an Update, one made by hand or through the API) is
 * left as it is, whatever its role or state. Nothing here ever deletes or disables a user: an operator dropped from
 * the list, or the resource's Delete, leaves every user in the pool. Every entry is checked before anyone is created.
 */
public final class OperatorsSeed implements CustomResource {

    public static final String RESOURCE_TYPE = "Custom::Operators";
    static final String OPERATORS = "operators";
    private static final Set<String> PROPERTIES = ResourceProperties.withServiceKeys(OPERATORS);

    private record Operator(String email, UserRole role) {
    }

    private final UserDirectory directory;
    private final String userPoolId;

    public OperatorsSeed(UserDirectory directory, String operationsUserPoolId) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.userPoolId = Objects.requireNonNull(operationsUserPoolId, "operationsUserPoolId");
    }

    @Override
    public Map<String, String> create(ResourceProperties properties) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Operator operator : operators(properties)) {
            if (directory.findUser(userPoolId, operator.email()).isPresent()) {
                existing.add(operator.email());
                continue;
            }
            try {
                Operators.create(directory, userPoolId, operator.email(), operator.role());
                created.add(operator.email());
            } catch (UserAlreadyExistsException e) {
                // Created between our read and our create (a concurrent retry): there, which is what we want.
                existing.add(operator.email());
            }
        }
        // Counts only: an email address is personal data, never logged (functions.shared.Redaction).
        Telemetry.info("operators seeded", "created", created.size(), "existing", existing.size());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Created", String.valueOf(created.size()));
        data.put("Existing", String.valueOf(existing.size()));
        return data;
    }

    static List<Operator> operators(ResourceProperties properties) {
        properties.rejectUnknown(PROPERTIES);
        List<Operator> operators = new ArrayList<>();
        Map<String, String> firstByEmail = new LinkedHashMap<>();
        List<ResourceProperties> entries = properties.objects(OPERATORS);
        for (int i = 0; i < entries.size(); i++) {
            ResourceProperties entry = entries.get(i).rejectUnknown(Set.of("email", "role"));
            String email;
            try {
                email = Validation.email("email", entry.text("email"));
            } catch (ValidationException e) {
                throw new PropertyException(entry.name("email"), "must be an email address");
            }
            String role = entry.text("role");
            UserRole userRole = UserRole.SYSTEM_ADMIN.claimValue().equals(role) ? UserRole.SYSTEM_ADMIN
                    : UserRole.CUSTOMER_SUPPORT.claimValue().equals(role) ? UserRole.CUSTOMER_SUPPORT : null;
            if (userRole == null) {
                throw new PropertyException(entry.name("role"), "must be SystemAdmin or CustomerSupport, got '"
                        + role + "'");
            }
            String first = firstByEmail.putIfAbsent(email, entry.name("email"));
            if (first != null) {
                throw new PropertyException(entry.name("email"), "repeats " + first + " ('" + email + "')");
            }
            operators.add(new Operator(email, userRole));
        }
        return operators;
    }
}
