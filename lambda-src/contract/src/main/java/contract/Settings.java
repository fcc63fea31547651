package contract;

import java.util.regex.Pattern;

/**
 * The Settings table's placement items, written by the baseline's {@code Custom::SettingsSeed}
 * (functions.bootstrap.SettingsSeed) and read by the control plane (functions.provisioning.PlatformSettings): one
 * format, named once. Items are keyed by {@link Keys#SETTING_NAME}.
 */
public final class Settings {

    /** Where the next silo tenant's stack goes: {@link #ACCOUNT}, {@link #REGION}, optional {@link #WAVE}. */
    public static final String SILO_PLACEMENT = "siloPlacement";
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String WAVE = "wave";

    private static final Pattern ACCOUNT_SHAPE = Pattern.compile("[0-9]{12}");
    // The shape of every public, China and GovCloud region name; the pipeline's catalog checks the exact list.
    private static final Pattern REGION_SHAPE = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    private Settings() {
    }

    /** The item naming the environment that takes {@code tier}'s new tenants: {@code tier#<TIER>}. */
    public static String tierPlacement(Tier tier) {
        return "tier#" + tier.name();
    }

    /** True for a 12-digit AWS account id. */
    public static boolean validAccount(String account) {
        return account != null && ACCOUNT_SHAPE.matcher(account).matches();
    }

    /** True for a string shaped like an AWS region name. */
    public static boolean validRegion(String region) {
        return region != null && REGION_SHAPE.matcher(region).matches();
    }
}
