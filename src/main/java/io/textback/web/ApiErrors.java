package io.textback.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.textback.settings.GreetingAudio;
import io.textback.system.InvalidInput;
import io.textback.system.InvalidInput.FieldError;
import io.textback.system.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every error of the JSON API ({@code /api/**}) as problem details; see {@link Problems} for the
 * shape. Field mistakes, from the domain's {@link InvalidInput} or from reading the request, list
 * each field with its reason under {@code errors}. A {@code detail} is written for people: it never
 * holds a stack trace, a Java type or a method signature. Requests outside the API (the Twilio
 * webhooks, the pages) keep Spring's own handling: a handler here declines them by rethrowing.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    static final String BODY_MISSING = "the request body is missing";
    static final String BODY_NOT_JSON = "the request body is not valid JSON";

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e, HttpServletRequest request) {
        apiOnly(e, request);
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
        };
        return Problems.answer(Problems.invalid(status, e.errors()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e, HttpServletRequest request) {
        apiOnly(e, request);
        return Problems.answer(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    /** Bean Validation on a request body, in the same shape as the domain's own checks. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> notValid(MethodArgumentNotValidException e, HttpServletRequest request)
            throws MethodArgumentNotValidException {
        apiOnly(e, request);
        var errors = new ArrayList<FieldError>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(),
                f.getDefaultMessage() == null ? "is not valid" : f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldError(g.getObjectName(),
                g.getDefaultMessage() == null ? "is not valid" : g.getDefaultMessage())));
        return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST, errors));
    }

    /** No body, a body that is no JSON, or JSON with a value of the wrong type (named as a field). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        apiOnly(e, request);
        Throwable cause = e.getCause();
        if (cause == null || (cause instanceof MismatchedInputException m && m.getPath().isEmpty()
                && m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("No content to map"))) {
            return Problems.answer(Problems.of(HttpStatus.BAD_REQUEST, BODY_MISSING));
        }
        if (cause instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty()) {
                return Problems.answer(Problems.of(HttpStatus.BAD_REQUEST, "the request body must be a JSON "
                        + (isList(m.getTargetType()) ? "array" : "object")));
            }
            var problem = Problems.invalid(HttpStatus.BAD_REQUEST,
                    List.of(new FieldError(path(m), mustBe(m.getTargetType()))));
            return Problems.answer(problem);
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST,
                    List.of(new FieldError(path(m), "is not valid"))));
        }
        if (cause instanceof JsonProcessingException) {
            return Problems.answer(Problems.of(HttpStatus.BAD_REQUEST, BODY_NOT_JSON));
        }
        return Problems.answer(Problems.of(HttpStatus.BAD_REQUEST, "the request body could not be read"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        apiOnly(e, request);
        return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST,
                List.of(new FieldError(e.getName(), mustBe(e.getRequiredType())))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
                                                   HttpServletRequest request) throws MissingServletRequestParameterException {
        apiOnly(e, request);
        return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST,
                List.of(new FieldError(e.getParameterName(), InvalidInput.REQUIRED))));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request)
            throws MissingServletRequestPartException {
        apiOnly(e, request);
        return Problems.answer(Problems.invalid(HttpStatus.BAD_REQUEST,
                List.of(new FieldError(e.getRequestPartName(), InvalidInput.REQUIRED))));
    }

    /** The container refuses an oversized upload before any controller runs; the only upload is the greeting. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        apiOnly(e, request);
        return Problems.answer(Problems.invalid(HttpStatus.PAYLOAD_TOO_LARGE,
                List.of(new FieldError("file", GreetingAudio.TOO_LARGE))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        apiOnly(e, request);
        String takes = types(e.getSupportedMediaTypes());
        String detail = e.getContentType() == null
                ? "the request has no Content-Type; this endpoint takes " + takes
                : "this endpoint takes " + takes + ", not " + e.getContentType().getType() + "/"
                        + e.getContentType().getSubtype();
        return Problems.answer(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail), e.getHeaders());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request)
            throws HttpMediaTypeNotAcceptableException {
        apiOnly(e, request);
        return Problems.answer(Problems.of(HttpStatus.NOT_ACCEPTABLE, "this endpoint answers only in "
                + types(e.getSupportedMediaTypes()) + "; the request's Accept header allows none of them"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        apiOnly(e, request);
        // Static files answer any unknown path for GET; for another method that is no endpoint at all.
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if (handler instanceof ResourceHttpRequestHandler) {
            return noEndpoint(request);
        }
        var allowed = e.getSupportedHttpMethods() == null ? List.<String>of()
                : e.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList();
        String detail = request.getMethod() + " is not allowed here"
                + (allowed.isEmpty() ? "" : "; this path takes " + String.join(", ", allowed));
        return Problems.answer(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, detail), e.getHeaders());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> unknownPath(Exception e, HttpServletRequest request) throws Exception {
        apiOnly(e, request);
        return noEndpoint(request);
    }

    /**
     * The rest: an {@link ErrorResponse} (a status a controller chose, such as 502 when Twilio cannot
     * take a text now, or one of Spring MVC's own) keeps its status and reason; anything else is a
     * fault of ours, logged with its stack trace and answered 500 without it.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception e, HttpServletRequest request) throws Exception {
        if (!Problems.isApi(request) || e instanceof AccessDeniedException || e instanceof AuthenticationException
                || e instanceof AsyncRequestNotUsableException) {
            throw e;  // Spring Security, the container or Spring's own resolvers answer these
        }
        if (e instanceof ErrorResponse error) {
            String detail = error.getBody().getDetail();
            if (error.getStatusCode().is5xxServerError() && !(e instanceof ResponseStatusException)) {
                log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
                detail = null;
            }
            var problem = Problems.of(error.getStatusCode(), detail == null ? sentenceFor(error.getStatusCode().value())
                    : detail);
            return Problems.answer(problem, error.getHeaders());
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return Problems.answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, sentenceFor(500)));
    }

    /** A detail for a status when nothing more specific is known; the error page uses it too. */
    static String sentenceFor(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read";
            case 401 -> SecurityConfiguration.LOG_IN;
            case 403 -> "this login may not do this";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take this method";
            case 413 -> "the request is too large";
            case 415 -> "this endpoint does not take the request's Content-Type";
            case 503 -> "the service is not available now; try again shortly";
            default -> status >= 500 ? "the server failed to answer this request; its log has the reason"
                    : "the request cannot be answered";
        };
    }

    private static ResponseEntity<ProblemDetail> noEndpoint(HttpServletRequest request) {
        return Problems.answer(Problems.of(HttpStatus.NOT_FOUND, "there is no endpoint " + request.getMethod() + " "
                + request.getRequestURI() + "; /api-docs.html lists them"));
    }

    /** Declines a request outside the JSON API, which Spring then answers as it always has. */
    private static <E extends Exception> void apiOnly(E e, HttpServletRequest request) throws E {
        if (!Problems.isApi(request)) {
            throw e;
        }
    }

    /** {@code days[2].opens}, {@code callTimeoutSeconds}: the field as the request's JSON spells it. */
    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a value of this type looks like, in the words of the API rather than of Java. */
    private static String mustBe(Class<?> type) {
        if (type == null) {
            return "is not valid";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "must be text";
        }
        if (isList(type)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static boolean isList(Class<?> type) {
        return type != null && (Collection.class.isAssignableFrom(type) || type.isArray());
    }

    /** JSON when it is one of them (the API is JSON, whatever else a converter could read), else the concrete ones. */
    private static String types(List<MediaType> types) {
        if (types.stream().anyMatch(MediaType.APPLICATION_JSON::equalsTypeAndSubtype)) {
            return MediaType.APPLICATION_JSON_VALUE;
        }
        var concrete = types.stream().filter(t -> !t.isWildcardType() && !t.isWildcardSubtype()).toList();
        return (concrete.isEmpty() ? types : concrete).stream().map(t -> t.getType() + "/" + t.getSubtype())
                .distinct().collect(Collectors.joining(" or "));
    }
}
