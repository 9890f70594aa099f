package io.textback.web;

import io.textback.settings.GreetingAudio;
import io.textback.settings.InvalidSettingsException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The same 400 shape as the rest of the API: {@code errors: [{field, reason}]}. */
@RestControllerAdvice
class SettingsErrors {

    @ExceptionHandler(InvalidSettingsException.class)
    ProblemDetail invalid(InvalidSettingsException e) {
        return problem(e.fields());
    }

    // Thrown before any controller is chosen, when the container refuses an oversized upload.
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return problem(List.of(new InvalidSettingsException.InvalidField("file", GreetingAudio.TOO_LARGE)));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail missingPart(MissingServletRequestPartException e) {
        return problem(List.of(new InvalidSettingsException.InvalidField(e.getRequestPartName(), "is required")));
    }

    private static ProblemDetail problem(List<InvalidSettingsException.InvalidField> fields) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", fields.stream().map(f -> f.field() + ": " + f.reason()).toList()));
        problem.setProperty("errors", fields.stream().map(f -> Map.of("field", f.field(), "reason", f.reason()))
                .toList());
        return problem;
    }
}
