package functions.tenants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import functions.provisioning.AccountRegion;
import functions.provisioning.AssumedRoleStacks;
import functions.provisioning.PlatformSettings;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackAccess;
import functions.provisioning.StackClients;
import functions.provisioning.StackCredentials;
import functions.provisioning.StackLocation;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStacks;
import functions.provisioning.TenantApiKeyTable;
import functions.provisioning.Tier;
import functions.shared.CallerContext;
import functions.shared.MotoDynamoDb;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import functions.users.MotoCognito;
import contract.UserRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;

/**
 * The control plane on moto as it runs in AWS: fresh control-plane tables (keys as BaselineStack deploys them, plus
 * Registrations) in moto's default account (the control plane's), the {@code siloPlacement} setting, and one deployed
 * pooled stack per tier environment of {@code POOLED_TIER_STACKS}, each in its own account and region: a user pool
 * shaped like TenantUserPool's with its app client, a usage plan, a TenantApiKeys table, and the CloudFormation
 * stack whose outputs name them and which creates the stack's control-plane role. The control plane reaches them
 * only the real way ({@link AssumedRoleStacks}: STS AssumeRole of that role, DescribeStacks, then Cognito, API
 * Gateway and DynamoDB with the role's credentials), its directory and API key calls going through
 * {@link #directory}'s and {@link #apiKeys}' fault plans. Silo stacks are deployed by the test ({@link #deploySilo}).
 *
 * <p>The accounts named here belong to this fixture: stack names are fixed by {@link StackAccess} and API keys are
 * named by tenant id, so each fixture redeploys its stacks (an earlier fixture's stack of that name is deleted) and
 * starts its environments without API keys, and its pools without users or groups.
 */
public final class ControlPlaneFixture {

    public static final String POOLED_ACCOUNT = "222222222222";
    public static final String POOLED_REGION = "us-east-1";
    public static final AccountRegion POOLED_ENV = new AccountRegion(POOLED_ACCOUNT, POOLED_REGION);
    public static final String DEFAULT_POOLED_TIER_STACKS = "BASIC=222222222222/us-east-1,"
            + "PREMIUM=222222222222/us-east-1,STANDARD=222222222222/us-east-1";
    public static final String SILO_ACCOUNT = "333333333333";
    public static final String SILO_REGION = "eu-west-1";
    public static final AccountRegion SILO_ENV = new AccountRegion(SILO_ACCOUNT, SILO_REGION);
    public static final int SHARD_COUNT = 4;
    public static final CallerContext SYSTEM_ADMIN = CallerContext.operator(UserRole.SYSTEM_ADMIN);
    public static final CallerContext SUPPORT = CallerContext.operator(UserRole.CUSTOMER_SUPPORT);

    private static final ObjectMapper JSON = new ObjectMapper();
    // Shared by every fixture's stacks, as by every stack of a function instance.
    private static final StackClients CLIENTS = StackClients.create(Optional.of(Moto.get().endpoint()));
    // The control-plane function's own STS client: plain credentials, so it acts in moto's default account.
    private static final StsClient STS = Moto.get().configure(StsClient.builder()).build();
    // The control plane's own SQS: the access queue is in its account and region.
    private static final SqsClient SQS = Moto.get().configure(SqsClient.builder()).build();
    // moto takes ~0.2 s to create a user pool (it imports an RSA key for each), so a stack location keeps its pool
    // and app client for the JVM's fixtures, emptied of users and groups whenever a fixture deploys it.
    private static final Map<StackLocation, PoolAndClient> POOLS = new ConcurrentHashMap<>();

    private record PoolAndClient(String userPoolId, String appClientId) {
    }

    public final MotoDynamoDb tables = MotoDynamoDb.get();
    /** The users of every deployed pool; the control plane's directory calls go through its faults. */
    public final StackUsers directory = new StackUsers();
    /** The API keys of every environment; the control plane's API key calls go through its faults. */
    public final StackApiKeys apiKeys = new StackApiKeys();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final ControlPlaneConfig config;
    /** This fixture's tenant access queue (FIFO, on moto), which {@link #runAccessJobs} drains. */
    public final String accessQueueUrl;
    /** The access worker's pacing, on a clock that advances only by the pacer's waits (no test sleeps). */
    public final PacedTime pacing = new PacedTime();
    private final Map<StackLocation, StackResources> deployed = new ConcurrentHashMap<>();

    public ControlPlaneFixture() {
        this(DEFAULT_POOLED_TIER_STACKS);
    }

    /** With another {@code POOLED_TIER_STACKS}; every environment it names gets a deployed pooled stack. */
    public ControlPlaneFixture(String pooledTierStacks) {
        PooledTierStacks pooled = PooledTierStacks.parse(pooledTierStacks);
        config = new ControlPlaneConfig(
                tables.createKeyedTable(TenantRepository.KEY, null),
                tables.createKeyedTable(UserMappingRepository.KEY, UserMappingRepository.SORT_KEY),
                tables.createKeyedTable("tenantId", null),
                tables.createKeyedTable(PlatformSettings.KEY, null),
                tables.createKeyedTable("pk", null),
                pooled, "us-east-1", "saas-baseline-TenantAdmin", Optional.of(tables.endpoint()));
        Set<AccountRegion> environments = new LinkedHashSet<>();
        for (Tier tier : List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM)) {
            environments.addAll(pooled.environments(tier));
        }
        environments.add(SILO_ENV);
        for (AccountRegion env : environments) {
            MotoEnvironment.of(env).deleteAllApiKeys();
            apiKeys.add(env);
        }
        for (Tier tier : List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM)) {
            pooled.environments(tier).forEach(env -> deploy(StackLocation.pooled(tier, env)));
        }
        putSetting(PlatformSettings.SILO_PLACEMENT, Map.of("account", s(SILO_ACCOUNT), "region", s(SILO_REGION),
                "wave", AttributeValue.fromN("3")));
        accessQueueUrl = SQS.createQueue(r -> r.queueName("access-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.VISIBILITY_TIMEOUT, "0"))).queueUrl();
    }

    /** The pool of the tier's stack in {@link #POOLED_ENV}. */
    public String poolOf(Tier tier) {
        return poolOf(tier, POOLED_ENV);
    }

    public String poolOf(Tier tier, AccountRegion env) {
        return resources(StackLocation.pooled(tier, env)).userPoolId();
    }

    /** The app client of the tier's stack in {@link #POOLED_ENV}. */
    public String appClientOf(Tier tier) {
        return resources(pooledStack(tier)).appClientId();
    }

    /** The usage plan of the tier's stack in {@link #POOLED_ENV}. */
    public String usagePlanOf(Tier tier) {
        return usagePlanOf(tier, POOLED_ENV);
    }

    public String usagePlanOf(Tier tier, AccountRegion env) {
        return resources(StackLocation.pooled(tier, env)).usagePlanId();
    }

    /** The pool of the tenant's deployed silo stack. */
    public String siloPoolOf(String tenantId) {
        return resources(siloStack(tenantId)).userPoolId();
    }

    public static StackLocation pooledStack(Tier tier) {
        return StackLocation.pooled(tier, POOLED_ENV);
    }

    public static StackLocation siloStack(String tenantId) {
        return StackLocation.silo(tenantId, SILO_ENV);
    }

    public static CallerContext adminOf(String tenantId) {
        return CallerContext.tenantMember(UserRole.TENANT_ADMIN, new TenantId(tenantId));
    }

    public static CallerContext userOf(String tenantId) {
        return CallerContext.tenantMember(UserRole.TENANT_USER, new TenantId(tenantId));
    }

    public ControlPlane plane() {
        return plane(null);
    }

    /**
     * The graph with every DynamoDB request passing {@code interceptor} first (to fail or count chosen requests):
     * the control plane's own tables and, through a client with the stack role's credentials, each stack's
     * TenantApiKeys table.
     */
    public ControlPlane plane(ExecutionInterceptor interceptor) {
        return plane(interceptor, stacks -> stacks);
    }

    /** The graph reaching the stacks through {@code wrap} of the fixture's own. */
    public ControlPlane plane(ExecutionInterceptor interceptor, UnaryOperator<TargetStacks> wrap) {
        StackCredentials credentials = new StackCredentials(STS, config.functionName());
        Function<StackLocation, DynamoDbClient> stackDynamo = interceptor == null ? null : location -> Moto.get()
                .configure(DynamoDbClient.builder())
                .region(Region.of(location.region()))
                .credentialsProvider(credentials.providerFor(location.roleArn()))
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
        var stacks = new FaultInjectingStacks(new AssumedRoleStacks(credentials, CLIENTS, clock), directory, apiKeys,
                stackDynamo);
        return new ControlPlane(config, interceptor == null ? tables.client() : tables.clientWith(interceptor),
                wrap.apply(stacks), clock, new SqsAccessQueue(SQS, accessQueueUrl));
    }

    /** Runs every queued page of every access job with {@link TenantAccessWorker#PAGE_SIZE}; the pages run. */
    public int runAccessJobs() {
        return runAccessJobs(plane(), TenantAccessWorker.PAGE_SIZE);
    }

    /**
     * Delivers the access queue's messages to {@code plane}'s worker, as the queue's event source does, until the
     * queue is empty: each message is deleted once the worker returns; a failure propagates (the message stays).
     *
     * @return the messages delivered
     */
    public int runAccessJobs(ControlPlane plane, int pageSize) {
        return runAccessJobs(plane.accessWorker(pacing.pacer(TenantAccessWorker.CALLS_PER_SECOND), pageSize));
    }

    /** As {@link #runAccessJobs(ControlPlane, int)}, with this worker. */
    int runAccessJobs(TenantAccessWorker worker) {
        int delivered = 0;
        while (true) {
            List<Message> messages = SQS.receiveMessage(r -> r.queueUrl(accessQueueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return delivered;
            }
            for (Message message : messages) {
                worker.process(SqsAccessQueue.read(message.body()));
                SQS.deleteMessage(r -> r.queueUrl(accessQueueUrl).receiptHandle(message.receiptHandle()));
                delivered++;
            }
        }
    }

    /** The bodies of the messages waiting in the access queue, without consuming them. */
    public int queuedAccessPages() {
        return Integer.parseInt(SQS.getQueueAttributes(r -> r.queueUrl(accessQueueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** The tenant users of a stack, as the services reach them. */
    public TenantUsers usersIn(StackLocation location) {
        ControlPlane plane = plane();
        return plane.usersIn(plane.targetStacks().at(location));
    }

    /** Deploys the silo stack its TenantStackMapping record asks for: its outputs become readable. */
    public StackLocation deploySilo(String tenantId) {
        StackLocation location = new StackMappingRepository(tables.client(), config.tenantStackMappingTable())
                .location(tenantId).orElseThrow();
        deploy(location);
        return location;
    }

    /** The pipeline deleted the stack (offboarding): its outputs and role are gone; its pool is retained. */
    public void undeploy(StackLocation location) {
        MotoEnvironment.of(location.env()).cloudFormation.deleteStack(r -> r.stackName(location.stackName()));
        deployed.remove(location);
    }

    /** The resources (outputs) of a deployed stack. */
    public StackResources resources(StackLocation location) {
        StackResources resources = deployed.get(location);
        if (resources == null) {
            throw new IllegalArgumentException("the fixture has not deployed " + location);
        }
        return resources;
    }

    /** The TenantApiKeys table of a deployed stack, read in its account and region. */
    public TenantApiKeyTable keyTable(StackLocation location) {
        return new TenantApiKeyTable(MotoEnvironment.of(location.env()).dynamo, resources(location).tenantApiKeysTable());
    }

    /** The items of a deployed stack's TenantApiKeys table. */
    public List<Map<String, AttributeValue>> keyItems(StackLocation location) {
        return MotoEnvironment.of(location.env()).dynamo.scan(r -> r.tableName(resources(location).tenantApiKeysTable())
                .consistentRead(true)).items();
    }

    /** Items in the TenantApiKeys tables of every deployed stack. */
    public int keyItemCount() {
        return deployed.keySet().stream().mapToInt(location -> keyItems(location).size()).sum();
    }

    public void putSetting(String name, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(PlatformSettings.KEY, s(name));
        tables.client().putItem(r -> r.tableName(config.settingsTable()).item(item));
    }

    public void deleteSetting(String name) {
        tables.client().deleteItem(r -> r.tableName(config.settingsTable())
                .key(Map.of(PlatformSettings.KEY, s(name))));
    }

    /** The items of one of the control plane's own tables. */
    public List<Map<String, AttributeValue>> items(String table) {
        return tables.client().scan(r -> r.tableName(table).consistentRead(true)).items();
    }

    /** A tenant written straight to TenantDetails, for management tests that need no registration. */
    public Tenant seedTenant(String tenantId, Tier tier, TenantStatus status) {
        String now = clock.instant().toString();
        StackLocation location = tier.pooled() ? pooledStack(tier) : siloStack(tenantId);
        Tenant tenant = new Tenant(tenantId, "Tenant " + tenantId, "admin@" + tenantId + ".example", tier, status,
                null, null, tier.pooled() ? poolOf(tier) : null, tier.pooled() ? appClientOf(tier) : null,
                null, tier.pooled() ? 1 : null, location.stackName(), location.account(), location.region(),
                "00000000-0000-4000-8000-" + tenantId.substring(0, Math.min(12, tenantId.length())), null, now, now);
        tables.client().putItem(r -> r.tableName(config.tenantDetailsTable()).item(TenantRepository.toItem(tenant)));
        return tenant;
    }

    // What the pipeline's deployment of the stack leaves behind: its (empty) pool and app client, usage plan and
    // TenantApiKeys table, and the stack (outputs naming them, and the control-plane role it creates).
    private void deploy(StackLocation location) {
        MotoEnvironment env = MotoEnvironment.of(location.env());
        PoolAndClient pool = POOLS.computeIfAbsent(location, l -> {
            MotoCognito cognito = MotoCognito.on(env.cognito);
            String id = cognito.createUserPool();
            return new PoolAndClient(id, cognito.createAppClient(id));
        });
        env.emptyUserPool(pool.userPoolId());
        StackResources resources = new StackResources(pool.userPoolId(), pool.appClientId(),
                env.apiGateway.createUsagePlan(r -> r.name(location.stackName() + "-UsagePlan")).id(),
                env.createTable(TenantApiKeyTable.KEY), SHARD_COUNT);
        // An earlier fixture's stack of this name (deleting a stack that does not exist is no error).
        env.cloudFormation.deleteStack(r -> r.stackName(location.stackName()));
        env.cloudFormation.createStack(r -> r.stackName(location.stackName()).templateBody(template(location, resources))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        directory.add(pool.userPoolId(), location.env());
        deployed.put(location, resources);
    }

    private static String template(StackLocation location, StackResources resources) {
        ObjectNode template = JSON.createObjectNode();
        ObjectNode role = template.putObject("Resources").putObject("ControlPlaneRole");
        role.put("Type", "AWS::IAM::Role");
        ObjectNode properties = role.putObject("Properties");
        properties.put("RoleName", StackAccess.roleName(location.stackName(), location.region()));
        ObjectNode trust = properties.putObject("AssumeRolePolicyDocument");
        trust.put("Version", "2012-10-17");
        ObjectNode statement = trust.putArray("Statement").addObject();
        statement.put("Effect", "Allow").put("Action", "sts:AssumeRole");
        statement.putObject("Principal").put("AWS", "arn:aws:iam::" + Moto.ACCOUNT + ":root");
        ObjectNode outputs = template.putObject("Outputs");
        Map.of(StackResources.USER_POOL_ID, resources.userPoolId(),
                StackResources.APP_CLIENT_ID, resources.appClientId(),
                StackResources.USAGE_PLAN_ID, resources.usagePlanId(),
                StackResources.TENANT_API_KEYS_TABLE, resources.tenantApiKeysTable(),
                StackResources.SHARD_COUNT, Integer.toString(resources.shardCount()))
                .forEach((key, value) -> outputs.putObject(key).put("Value", value));
        return template.toString();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
