package stages;

import java.util.regex.Pattern;

/**
 * How IAM matches a policy's {@code Resource} against an ARN: {@code *} matches any run of characters, {@code ?} any
 * one character, everything else itself, case sensitive (IAM JSON policy elements: Resource, "Using wildcards in
 * resource ARNs": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). IAM
 * keeps a wildcard within its colon-separated segment unless it ends one; this matcher lets every {@code *} cross
 * colons, so it is never narrower than IAM: "no match" here means no match in IAM. No Java library of the field
 * evaluates IAM resource wildcards, so this one rule is written here.
 */
final class IamArn {

    private IamArn() {
    }

    static boolean matches(String resourcePattern, String arn) {
        var regex = new StringBuilder();
        for (char c : resourcePattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(arn).matches();
    }
}
