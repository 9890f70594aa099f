package io.textback.web;

import java.util.List;
import java.util.Map;

import io.textback.accounts.AccountService.InvalidAccountException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Bad input gets 400 with a body naming each field and the reason:
 * {@code {"status":400, "detail":"...", "errors":[{"field":"from","reason":"..."}]}}.
 */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(List.of(Map.of("field", e.field(), "reason", e.getMessage())));
    }

    @ExceptionHandler(InvalidAccountException.class)
    ProblemDetail invalidAccount(InvalidAccountException e) {
        return problem(List.of(Map.of("field", e.field(), "reason", e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        return problem(e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .toList());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return problem(List.of(Map.of("field", e.getParameterName(), "reason", "is required")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        var detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape: " + rootMessage(e));
        detail.setProperty("errors", List.of(Map.of("field", "body", "reason", "malformed JSON")));
        return detail;
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail status(ResponseStatusException e) {
        return ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    }

    private static ProblemDetail problem(List<Map<String, String>> errors) {
        String detail = errors.stream().map(m -> m.get("field") + ": " + m.get("reason"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
