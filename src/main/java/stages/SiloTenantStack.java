package stages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import app.AwsEnv;
import app.MailSettings;
import app.SiloTenant;
import constructs.CanaryProbe;
import constructs.DataKey;
import constructs.TenantBudget;
import constructs.TenantServices;
import constructs.Telemetry;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.Mfa;
import software.constructs.Construct;

/** Everything one silo (Platinum) tenant runs on, in the tenant's own account and region. */
public final class SiloTenantStack extends Stack {

    /**
     * @param tenant      the silo tenant (required)
     * @param functionsDir path of the functions jar (required)
     * @param fleet        the catalog's fleet name, which starts the stack name and the ManagedBy tag (required)
     * @param controlPlane the baseline's environment, whose control plane provisions the tenant here (required)
     * @param probeCallers  for a canary tenant, the pipelines' ValidateCanary roles (in {@code pipelineAccount}) that
     *                      may sign its probe user in ({@link CanaryProbe}) (@default none: no probe)
     * @param pipelineAccount the pipelines' account; required with probe callers
     * @param mail          the catalog's SES sender for the tenant's user pool (@default none: Cognito's mailer)
     */
    public record Props(SiloTenant tenant, String functionsDir, AwsEnv controlPlane, String fleet,
                        List<String> probeCallers, String pipelineAccount, Optional<MailSettings> mail) {
        public Props {
            Objects.requireNonNull(mail, "SiloTenantStack: mail is required (may be empty)");
            probeCallers = List.copyOf(Objects.requireNonNull(probeCallers, "SiloTenantStack: probeCallers is required"));
            if (!probeCallers.isEmpty()) {
                Objects.requireNonNull(pipelineAccount, "SiloTenantStack: pipelineAccount is required with probeCallers");
            }
            Objects.requireNonNull(fleet, "SiloTenantStack: fleet is required");
            Objects.requireNonNull(controlPlane, "SiloTenantStack: controlPlane is required");
            Objects.requireNonNull(tenant, "SiloTenantStack: tenant is required");
            Objects.requireNonNull(functionsDir, "SiloTenantStack: functionsDir is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private SiloTenant tenant;
            private String functionsDir;
            private AwsEnv controlPlane;
            private String fleet;
            private List<String> probeCallers = List.of();
            private String pipelineAccount;
            private Optional<MailSettings> mail = Optional.empty();

            private Builder() {
            }

            public Builder tenant(SiloTenant tenant) { this.tenant = tenant; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder controlPlane(AwsEnv controlPlane) { this.controlPlane = controlPlane; return this; }
            public Builder fleet(String fleet) { this.fleet = fleet; return this; }
            public Builder probeCallers(List<String> probeCallers) { this.probeCallers = probeCallers; return this; }
            public Builder pipelineAccount(String pipelineAccount) {
                this.pipelineAccount = pipelineAccount;
                return this;
            }
            public Builder mail(Optional<MailSettings> mail) { this.mail = mail; return this; }

            public Props build() {
                return new Props(tenant, functionsDir, controlPlane, fleet, probeCallers, pipelineAccount, mail);
            }
        }
    }

    private final TenantServices services;

    public SiloTenantStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .env(props.tenant().env().toCdk())
                .stackName(StackNames.siloTenantStackName(props.fleet(), props.tenant()))
                .description("SaaS fleet silo tenant " + props.tenant().tenantId())
                .build());
        var tenant = props.tenant();
        FleetTags.managed(this, props.fleet());
        FleetTags.tag(this, FleetTags.TENANT_ID, tenant.tenantId());
        FleetTags.tag(this, FleetTags.TIER, tenant.tier().name());
        var profile = TierProfile.of(tenant.tier());
        if (tenant.canary() && profile.mfa() == Mfa.REQUIRED) {
            throw new IllegalStateException("SiloTenantStack: canary tenant '" + tenant.tenantId() + "' is in tier "
                    + tenant.tier() + ", whose pools require MFA, but the canary probe signs in without a second"
                    + " factor: keep the tier's MFA OPTIONAL (stages.TierProfile) or pick another canary");
        }
        var key = new DataKey(this, "DataKey", new DataKey.Props("Data of tenant " + tenant.tenantId())).key();
        new Telemetry(this, Telemetry.Props.builder().fleet(props.fleet()).tier(tenant.tier().name())
                .tenantId(tenant.tenantId()).key(key).build());
        this.services = new TenantServices(this, "Services", TenantServices.Props.builder()
                .description("tenant " + tenant.tenantId()).functionsDir(props.functionsDir()).key(key)
                .limits(profile.limits()).shardCount(profile.shardCount()).dedicatedTenantId(tenant.tenantId())
                .rollout(RolloutPolicy.SILO)
                .controlPlane(ProvisioningOutputs.trust(props.fleet(), getStackName(), tenant.env(),
                        props.controlPlane()))
                .mfa(profile.mfa()).ses(UserPoolMail.sender(props.mail()))
                .build());
        ProvisioningOutputs.publish(this, services, profile.shardCount());
        if (tenant.monthlyBudgetUsd() != null) {
            new TenantBudget(this, "Budget", new TenantBudget.Props(tenant.tenantId(), FleetTags.TENANT_ID,
                    tenant.monthlyBudgetUsd()));
        }
        if (tenant.canary() && !props.probeCallers().isEmpty()) {
            var probe = new CanaryProbe(this, "CanaryProbe", CanaryProbe.Props.builder()
                    .pool(services.userPool())
                    .roleName(StackNames.canaryProbeRoleName(getStackName(), tenant.env().region()))
                    .account(props.pipelineAccount()).callers(props.probeCallers()).build());
            ProbeOutputs.publish(this, services, tenant, probe);
        }
    }

    public TenantServices services() {
        return services;
    }
}
