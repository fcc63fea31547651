package functions.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * PUTs a custom resource's answer to the request's pre-signed S3 {@code ResponseURL}. No Content-Type header: the
 * URL's signature covers none, and AWS's own cfn-response module sends an empty one
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-lambda-function-code-cfnresponsemodule.html);
 * the JDK client adds no default. A failed PUT (I/O error or a 5xx) is tried again, {@value #ATTEMPTS} times in all,
 * since an answer that never arrives leaves the stack waiting for an hour.
 */
public final class ResponseUrl {

    static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @throws IOException when no attempt got a 2xx; the last failure says why */
    public void put(String url, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                last = new IOException("PUT to the ResponseURL answered HTTP " + status);
                if (status / 100 == 4) {
                    // An expired or altered URL does not heal by trying again.
                    throw last;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending the response", e);
            } catch (IOException e) {
                if (e == last) {
                    throw e;
                }
                last = e;
            }
            sleep(BACKOFF.multipliedBy(attempt));
        }
        throw last;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
