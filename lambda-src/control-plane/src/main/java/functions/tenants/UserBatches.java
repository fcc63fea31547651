package functions.tenants;

/** A tenant's users in user-name order, a batch at a time: what {@link TenantAccessWorker} pages through. */
interface UserBatches {

    /**
     * Up to {@code limit} users of the tenant whose user name sorts after {@code afterUserName} (null: from the
     * first); {@link UserMappingRepository.UserBatch#lastUserName} is null after the last user.
     */
    UserMappingRepository.UserBatch after(String tenantId, String afterUserName, int limit);
}
