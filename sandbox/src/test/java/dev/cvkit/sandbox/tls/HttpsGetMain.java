package dev.cvkit.sandbox.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Child-JVM probe: GETs the URL with the JVM's default trust and prints the status or the failure. */
public final class HttpsGetMain {

    private HttpsGetMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("status=" + response.statusCode() + " body=" + response.body());
        } catch (Exception e) {
            System.out.println("failed=" + e.getClass().getSimpleName());
            System.exit(3);
        }
    }
}
