package functions.tenants;

import contract.UserRole;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code count} users of one tenant ({@code user00000@<domain>} ...), served a batch at a time as
 * {@link UserMappingRepository#after} serves TenantUserMapping: in user-name order, and, as DynamoDB's Query with a
 * Limit, naming a last user whenever the batch is full. moto's Query reads and sorts the whole partition on every
 * page (0.6 s a page at 10,000 items on this machine, and 29 s to write them), so a 10,000-user tenant on moto
 * would cost minutes of CI; the worker's paging over real items is tested on moto with small pages
 * ({@link TenantAccessJobTest}).
 */
final class GeneratedUserBatches implements UserBatches {

    private final String tenantId;
    private final String userPoolId;
    private final String domain;
    private final int count;

    GeneratedUserBatches(String tenantId, String userPoolId, String domain, int count) {
        this.tenantId = tenantId;
        this.userPoolId = userPoolId;
        this.domain = domain;
        this.count = count;
    }

    /** The email (and mapping user name) of user {@code index}. */
    String email(int index) {
        return String.format("user%05d@%s", index, domain);
    }

    @Override
    public UserMappingRepository.UserBatch after(String tenant, String afterUserName, int limit) {
        if (!tenantId.equals(tenant)) {
            return new UserMappingRepository.UserBatch(List.of(), null);
        }
        int first = afterUserName == null ? 0 : Integer.parseInt(afterUserName.substring(4, 9)) + 1;
        List<UserMapping> users = new ArrayList<>();
        for (int i = first; i < count && users.size() < limit; i++) {
            users.add(new UserMapping(tenantId, email(i), UserRole.TENANT_USER, userPoolId, "2026-03-01T10:00:00Z"));
        }
        return new UserMappingRepository.UserBatch(users,
                users.size() == limit ? users.get(users.size() - 1).userName() : null);
    }
}
