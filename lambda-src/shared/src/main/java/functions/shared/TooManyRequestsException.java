package functions.shared;

/** The caller asked for more than a stated quota allows now (for example sign-up mails per day): 429. */
public final class TooManyRequestsException extends ApiException {

    public TooManyRequestsException(String message) {
        super(message);
    }

    @Override
    public int statusCode() {
        return 429;
    }

    @Override
    public String errorCode() {
        return "TooManyRequests";
    }
}
