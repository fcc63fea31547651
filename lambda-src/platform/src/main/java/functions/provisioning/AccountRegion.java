package functions.provisioning;

import java.util.Objects;

/** An AWS account and region, checked for shape: where a fleet stack lives. */
public record AccountRegion(String account, String region) {


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
        return contract.Settings.validAccount(account);
    }

    public static boolean validRegion(String region) {
        return contract.Settings.validRegion(region);
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
