package io.textback.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.system.InvalidInput;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of every error the JSON API answers: RFC 9457 problem details
 * ({@code application/problem+json}) with {@code type} {@code about:blank}, the status's own
 * {@code title}, a {@code detail} for people and, when fields are wrong, an {@code errors} member
 * listing each as {@code {"field": ..., "reason": ...}}.
 */
final class Problems {

    static final String ERRORS = "errors";

    private Problems() {
    }

    /** Whether the request (or, on the error page, the request that failed) is one of the JSON API's. */
    static boolean isApi(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return path.equals("/api") || path.startsWith("/api/");
    }

    static ProblemDetail of(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** Each bad field with its reason; the detail reads them out for a person or a log. */
    static ProblemDetail invalid(HttpStatusCode status, List<InvalidInput.FieldError> errors) {
        var problem = of(status, String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList()));
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return answer(problem, HttpHeaders.EMPTY);
    }

    /** Problem+json whatever the request's Accept header asked for: an error has only this one shape. */
    static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The path of the request that failed, also when the error page answers for it; null if no URI can name it. */
    static URI instance(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            return URI.create(failed instanceof String s ? s : request.getRequestURI());
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    /** For the answers given before any controller is reached (security) or after one failed (error page). */
    static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                      ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
