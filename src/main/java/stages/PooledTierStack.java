package stages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import app.AwsEnv;
import app.MailSettings;
import app.PooledTierEntry;
import constructs.CanaryProbe;
import constructs.DataKey;
import constructs.TenantServices;
import constructs.Telemetry;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The infrastructure shared by every tenant of one pooled tier in one account and region. */
public final class PooledTierStack extends Stack {

    /**
     * @param entry       the tier and its environment (required)
     * @param functionsDir path of the functions jar (required)
     * @param fleet        the catalog's fleet name, which starts the stack name and the ManagedBy tag (required)
     * @param controlPlane the baseline's environment, whose control plane provisions tenants here (required)
     * @param mail         the catalog's SES sender for the tier's user pool (@default none: Cognito's mailer)
     * @param probeCallers for the fleet's canary pooled tier (the catalog's first entry), the pipelines'
     *                     ValidateCanary roles (in {@code pipelineAccount}) that may sign its probe tenant's probe
     *                     user in ({@link CanaryProbe}) (@default none: no probe)
     * @param pipelineAccount the pipelines' account; required with probe callers
     */
    public record Props(PooledTierEntry entry, String functionsDir, AwsEnv controlPlane, String fleet,
                        Optional<MailSettings> mail, List<String> probeCallers, String pipelineAccount) {
        public Props {
            Objects.requireNonNull(mail, "PooledTierStack: mail is required (may be empty)");
            Objects.requireNonNull(fleet, "PooledTierStack: fleet is required");
            Objects.requireNonNull(controlPlane, "PooledTierStack: controlPlane is required");
            Objects.requireNonNull(entry, "PooledTierStack: entry is required");
            Objects.requireNonNull(functionsDir, "PooledTierStack: functionsDir is required");
            probeCallers = List.copyOf(Objects.requireNonNull(probeCallers, "PooledTierStack: probeCallers is required"));
            if (!probeCallers.isEmpty()) {
                Objects.requireNonNull(pipelineAccount, "PooledTierStack: pipelineAccount is required with probeCallers");
            }
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private PooledTierEntry entry;
            private String functionsDir;
            private AwsEnv controlPlane;
            private String fleet;
            private Optional<MailSettings> mail = Optional.empty();
            private List<String> probeCallers = List.of();
            private String pipelineAccount;

            private Builder() {
            }

            public Builder entry(PooledTierEntry entry) { this.entry = entry; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder controlPlane(AwsEnv controlPlane) { this.controlPlane = controlPlane; return this; }
            public Builder fleet(String fleet) { this.fleet = fleet; return this; }
            public Builder mail(Optional<MailSettings> mail) { this.mail = mail; return this; }
            public Builder probeCallers(List<String> probeCallers) { this.probeCallers = probeCallers; return this; }
            public Builder pipelineAccount(String pipelineAccount) {
                this.pipelineAccount = pipelineAccount;
                return this;
            }

            public Props build() {
                return new Props(entry, functionsDir, controlPlane, fleet, mail, probeCallers, pipelineAccount);
            }
        }
    }

    private final TenantServices services;

    public PooledTierStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .env(props.entry().env().toCdk())
                .stackName(StackNames.pooledTierStackName(props.fleet(), props.entry().tier()))
                .description("SaaS fleet pooled tier " + props.entry().tier().id())
                .build());
        var tier = props.entry().tier();
        FleetTags.managed(this, props.fleet());
        FleetTags.tag(this, FleetTags.TIER, tier.name());
        var profile = TierProfile.of(tier);
        if (!props.probeCallers().isEmpty() && profile.mfa() == Mfa.REQUIRED) {
            throw new IllegalStateException("PooledTierStack: tier " + tier + " is the fleet's canary pooled tier (the"
                    + " catalog's first pooled tier entry), whose probe signs in without a second factor, but its pool"
                    + " requires MFA: keep the tier's MFA OPTIONAL (stages.TierProfile) or list another tier first");
        }
        var key = new DataKey(this, "DataKey", new DataKey.Props("Pooled tier " + tier.id() + " tenant data")).key();
        new Telemetry(this, Telemetry.Props.builder().fleet(props.fleet()).tier(tier.name()).key(key).build());
        this.services = new TenantServices(this, "Services", TenantServices.Props.builder()
                .description("pooled tier " + tier.id()).functionsDir(props.functionsDir()).key(key)
                .limits(profile.limits()).shardCount(profile.shardCount()).rollout(RolloutPolicy.POOLED)
                .controlPlane(ProvisioningOutputs.trust(props.fleet(), getStackName(), props.entry().env(),
                        props.controlPlane()))
                .mfa(profile.mfa()).ses(UserPoolMail.sender(props.mail()))
                .build());
        ProvisioningOutputs.publish(this, services, profile.shardCount());
        if (!props.probeCallers().isEmpty()) {
            // The fleet's canary tier: the validation sends synthetic requests as the tier's probe tenant, which the
            // control plane makes ACTIVE (API key and key item here) when ActivateCanaries asks for it.
            var probe = new CanaryProbe(this, "CanaryProbe", CanaryProbe.Props.builder()
                    .pool(services.userPool())
                    .roleName(StackNames.canaryProbeRoleName(getStackName(), props.entry().env().region()))
                    .account(props.pipelineAccount()).callers(props.probeCallers()).build());
            ProbeOutputs.publish(this, services, StackNames.probeTenantId(tier), tier, probe);
        }
    }

    public TenantServices services() {
        return services;
    }
}
