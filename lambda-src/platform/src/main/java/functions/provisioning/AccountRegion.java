package functions.provisioning;

import java.util.Objects;
import java.util.regex.Pattern;

/** An AWS account and region, checked for shape: where a fleet stack lives. */
public record AccountRegion(String account, String region) {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    // The shape of every public, China and GovCloud region name; the pipeline's catalog checks the exact list.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    public AccountRegion {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        if (!validAccount(account)) {
            throw new IllegalArgumentException("account must be 12 digits, got '" + account + "'");
        }
        if (!validRegion(region)) {
            throw new IllegalArgumentException("region is not an AWS region name: '" + region + "'");
        }
    }

    public static boolean validAccount(String account) {
        return account != null && ACCOUNT.matcher(account).matches();
    }

    public static boolean validRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
