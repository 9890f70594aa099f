package io.textback.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;

/**
 * Deploys a BPMN file the way Camunda Modeler's "Deploy" button does: a multipart POST to
 * {@code /engine-rest/deployment/create} with Basic auth, the deployment's name, source
 * "Camunda Modeler", duplicate filtering on, and the file as a part named after it.
 */
public final class ModelerDeploy {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    private ModelerDeploy(int port) {
        this.baseUrl = "http://127.0.0.1:" + port + "/engine-rest";
    }

    /**
     * A client for the app on this port. Camunda's REST API finds the engine named "default" in a
     * static registry, and every cached test context registers its own engine under that name: the
     * engine of the app under test is registered again so that /engine-rest reaches it.
     */
    public static ModelerDeploy to(int port, ProcessEngine engine) {
        ProcessEngines.registerProcessEngine(engine);
        return new ModelerDeploy(port);
    }

    public HttpResponse<String> deploy(String deploymentName, String fileName, String bpmn) {
        return deploy(deploymentName, fileName, bpmn, AppClient.adminBasic());
    }

    public HttpResponse<String> deploy(String deploymentName, String fileName, String bpmn, String authorization) {
        String boundary = "----ModelerBoundary" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("deployment-name", deploymentName);
        fields.put("deployment-source", "Camunda Modeler");
        fields.put("enable-duplicate-filtering", "true");
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n");
        write(body, "--" + boundary + "--\r\n");
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
