package functions.offboard;

import functions.offboard.FleetStacks.Deletion;
import functions.shared.MotoAccount;
import functions.shared.MotoStacks;
import functions.shared.RecordedAnswers;
import functions.shared.SentCalls;
import functions.shared.WireRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import testsupport.Moto;

/**
 * The fleet on moto: each account of the plan files under {@code src/test/resources/offboard} (and 555555555555, an
 * account a tenant had to itself) is a fresh moto account, allocated in the same order so environments sort as in
 * the plan; {@link #plan} and {@link #withAccounts} put the fresh ids in place of the plan's. Stacks are created in
 * moto's CloudFormation with the fleet's tags; the real {@link CloudFormationStackDirectory} reaches them through
 * moto's STS, signing AssumeRole with the function's key {@value #FUNCTION_KEY}. Every STS and CloudFormation call
 * is recorded as sent. Where AWS answers otherwise than moto, the request gets AWS's recorded answer: an AssumeRole
 * it would refuse ({@link #deny}; moto evaluates no trust policy), and a DeleteStack of a stack with termination
 * protection (moto deletes it anyway).
 */
final class MotoFleet implements AutoCloseable {

    static final String QUALIFIER = "hnb659fds";
    static final String FUNCTION_KEY = "AKIDFUNCTION";
    private static final List<String> PLAN_ACCOUNTS = List.of("111111111111", "222222222222", "333333333333",
            "444444444444", "555555555555");

    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final DeployRole role = new DeployRole("us-east-1", QUALIFIER);
    private final RecordedAnswers stsWire = new RecordedAnswers(UrlConnectionHttpClient.create());
    private final RecordedAnswers cloudFormationWire = new RecordedAnswers(UrlConnectionHttpClient.create());
    private final SentCalls stsCalls = new SentCalls();
    private final SentCalls cloudFormationCalls = new SentCalls();
    private final StsClient sts;
    private final Map<Env, CloudFormationClient> admins = new HashMap<>();

    MotoFleet() {
        PLAN_ACCOUNTS.forEach(planAccount -> accounts.put(planAccount, MotoAccount.fresh().id()));
        sts = Moto.get().configure(StsClient.builder()).httpClient(stsWire)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(FUNCTION_KEY, "function-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(stsCalls))
                .build();
        cloudFormationWire.answer(this::deletesAProtectedStack,
                "aws/cloudformation-delete-stack-termination-protected.json");
    }

    /** The environment of {@code planAccount} (one of the plan files' accounts) in this fleet. */
    Env env(String planAccount, String region) {
        return new Env(account(planAccount), region);
    }

    String account(String planAccount) {
        String account = accounts.get(planAccount);
        if (account == null) {
            throw new IllegalArgumentException("not an account of the plan files: " + planAccount);
        }
        return account;
    }

    /** {@code text} with this fleet's accounts in place of the plan files'. */
    String withAccounts(String text) {
        String replaced = text;
        for (var account : accounts.entrySet()) {
            replaced = replaced.replace(account.getKey(), account.getValue());
        }
        return replaced;
    }

    /** A plan file as this fleet's pipelines would write it. */
    byte[] plan(String resource) {
        return plan(Plans.bytes(resource));
    }

    /** A plan (such as an edited sample) with this fleet's accounts in place of the plan files'. */
    byte[] plan(byte[] json) {
        return withAccounts(new String(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    FleetPlan sample() {
        return FleetPlanReader.read(plan(Plans.SAMPLE));
    }

    /** A directory as the handler builds one per invocation, on this fleet. */
    CloudFormationStackDirectory directory() {
        return new CloudFormationStackDirectory(sts, role, (region, credentials) -> Moto.get()
                .configure(CloudFormationClient.builder()).httpClient(cloudFormationWire).region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.addExecutionInterceptor(cloudFormationCalls))
                .build());
    }

    /**
     * Deploys the stacks in the environment: CREATE_COMPLETE, or UPDATE_COMPLETE after a second deployment. Any
     * other status, and nested stacks, moto cannot produce: those rules run on {@link InMemoryStackDirectory}.
     */
    MotoFleet add(Env env, DeployedStack... stacks) {
        var deployer = new MotoStacks(admin(env));
        for (DeployedStack stack : stacks) {
            if (stack.nested() || !List.of("CREATE_COMPLETE", "UPDATE_COMPLETE").contains(stack.status())) {
                throw new IllegalArgumentException("moto cannot deploy " + stack);
            }
            deployer.create(stack.stackName(), Map.of(), stack.tags(), stack.terminationProtected());
            if (stack.status().equals("UPDATE_COMPLETE")) {
                deployer.update(stack.stackName(), Map.of("Revision", "2"), stack.tags());
            }
        }
        return this;
    }

    /** Deletes the stack as CloudFormation would on its own (moto completes it at once). */
    MotoFleet deleted(Env env, String stackName) {
        admin(env).deleteStack(r -> r.stackName(stackName));
        return this;
    }

    /** From now on STS refuses the environment's deploy role (AWS's recorded AccessDenied). */
    MotoFleet deny(Env env) {
        String roleArn = role.arn(env);
        stsWire.answer(r -> roleArn.equals(r.param("RoleArn")), "aws/sts-assume-role-access-denied.json");
        return this;
    }

    /** From now on CloudFormation requests matching {@code when} get AWS's answer recorded in {@code resource}. */
    MotoFleet answerCloudFormation(Predicate<WireRequest> when, String resource) {
        cloudFormationWire.answer(when, resource);
        return this;
    }

    /** The deploy role's ARN in the environment. */
    String roleArn(Env env) {
        return role.arn(env);
    }

    /** The stacks CloudFormation has in the environment now. */
    List<DeployedStack> stacks(Env env) {
        List<DeployedStack> stacks = new ArrayList<>();
        for (Stack stack : admin(env).describeStacksPaginator(r -> { }).stacks()) {
            stacks.add(CloudFormationStackDirectory.toDeployed(stack));
        }
        return stacks;
    }

    /** The StackId of the live stack of that name in the environment now. */
    String stackId(Env env, String stackName) {
        return admin(env).describeStacks(r -> r.stackName(stackName)).stacks().get(0).stackId();
    }

    List<String> stackNames(Env env) {
        return stacks(env).stream().map(DeployedStack::stackName).sorted().toList();
    }

    /** The environments whose deploy role was asked for, in order (a refused one included). */
    List<Env> assumed() {
        return stsCalls.calls("AssumeRole").stream()
                .map(c -> envOfRole(c.request(AssumeRoleRequest.class).roleArn())).toList();
    }

    /** The environments whose stacks were listed (first pages), in order. */
    List<Env> listed() {
        return cloudFormationCalls.calls("DescribeStacks").stream()
                .filter(c -> c.wire().param("NextToken") == null).map(c -> envOfKey(c.wire().accessKeyId()))
                .toList();
    }

    /** Every DeleteStack sent, in order, by the name in the stack id it named (see {@link #deletedStackIds}). */
    List<Deletion> deletions() {
        return cloudFormationCalls.calls("DeleteStack").stream()
                .map(c -> new Deletion(envOfKey(c.wire().accessKeyId()), nameOf(c.wire().param("StackName"))))
                .toList();
    }

    /** The {@code StackName} parameter of every DeleteStack sent, as sent, in order. */
    List<String> deletedStackIds() {
        return cloudFormationCalls.calls("DeleteStack").stream().map(c -> c.wire().param("StackName")).toList();
    }

    // arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>; a plain name is returned as it is.
    private static String nameOf(String stackNameOrId) {
        int stack = stackNameOrId.indexOf(":stack/");
        return stack < 0 ? stackNameOrId
                : stackNameOrId.substring(stack + ":stack/".length(), stackNameOrId.lastIndexOf('/'));
    }

    SentCalls stsCalls() {
        return stsCalls;
    }

    SentCalls cloudFormationCalls() {
        return cloudFormationCalls;
    }

    // The account's own CloudFormation client, for setting up and inspecting the fleet.
    private CloudFormationClient admin(Env env) {
        return admins.computeIfAbsent(env, e -> new MotoAccount(e.account())
                .configure(CloudFormationClient.builder(), e.region()).build());
    }

    // AWS refuses to delete a stack with termination protection; moto 5.2.1 records the flag but deletes anyway.
    private boolean deletesAProtectedStack(WireRequest request) {
        return "DeleteStack".equals(request.action()) && stacks(envOfKey(request.accessKeyId())).stream()
                .anyMatch(s -> s.stackName().equals(nameOf(request.param("StackName"))) && s.terminationProtected());
    }

    // The deploy role's session that signed a request: its access key came with an AssumeRole answer.
    private Env envOfKey(String accessKeyId) {
        return stsCalls.calls("AssumeRole").stream()
                .filter(c -> c.response(AssumeRoleResponse.class) != null
                        && c.response(AssumeRoleResponse.class).credentials().accessKeyId().equals(accessKeyId))
                .map(c -> envOfRole(c.request(AssumeRoleRequest.class).roleArn()))
                .findFirst().orElseThrow(() -> new AssertionError("signed by no deploy role session: " + accessKeyId));
    }

    // arn:aws:iam::<account>:role/cdk-<qualifier>-deploy-role-<account>-<region>
    private static Env envOfRole(String roleArn) {
        String account = roleArn.split(":")[4];
        return new Env(account, roleArn.substring(roleArn.lastIndexOf(account + "-") + account.length() + 1));
    }

    @Override
    public void close() {
        admins.values().forEach(CloudFormationClient::close);
        sts.close();
        stsWire.close();
        cloudFormationWire.close();
    }
}
