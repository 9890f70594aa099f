package io.textback.web;

import io.textback.hours.BusinessHours;
import io.textback.hours.BusinessHoursCheck;
import io.textback.hours.BusinessHoursRepository;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.system.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An account's business hours, as the settings page shows and saves them. */
@RestController
@Tag(name = "Business hours", description = "When an account is open, for recipes that text differently after hours")
class BusinessHoursController {

    static final int MAX_CLOSED_DAYS = 200;

    private final AccountRepository accounts;
    private final BusinessHoursRepository repository;

    BusinessHoursController(AccountRepository accounts, BusinessHoursRepository repository) {
        this.accounts = accounts;
        this.repository = repository;
    }

    /** One weekday: {@code open} false means closed all day, and the times are then ignored. */
    record Day(String day, boolean open, String opens, String closes) {
    }

    record Form(String timeZone, List<Day> days, List<String> closedDays) {
    }

    record View(String timeZone, List<Day> days, List<String> closedDays, boolean configured, boolean openNow,
                String opensAt) {

        static View of(BusinessHours hours) {
            var days = Arrays.stream(DayOfWeek.values()).map(d -> {
                var opening = hours.week().get(d);
                return opening == null ? new Day(d.name(), false, null, null)
                        : new Day(d.name(), true, opening.opens().toString(), opening.closes().toString());
            }).toList();
            var now = BusinessHoursCheck.now();
            return new View(hours.zone().getId(), days, hours.closedDays().stream().map(LocalDate::toString).toList(),
                    hours.configured(), hours.isOpen(now), hours.opensAtText(now));
        }
    }

    @GetMapping("/api/accounts/{accountId}/business-hours")
    @Operation(summary = "The account's business hours (the default Monday to Friday, 9:00 to 17:00 until saved)")
    View get(@PathVariable String accountId) {
        return View.of(repository.forAccount(account(accountId)));
    }

    @PutMapping("/api/accounts/{accountId}/business-hours")
    @Operation(summary = "Replace the account's business hours; 400 names the first invalid field")
    View save(@PathVariable String accountId, @RequestBody Form form) {
        Account account = account(accountId);
        repository.save(accountId, parse(form));
        return View.of(repository.forAccount(account));
    }

    static BusinessHours parse(Form form) {
        ZoneId zone;
        try {
            if (form.timeZone() == null || !form.timeZone().contains("/")) {
                throw new DateTimeException("not a region");
            }
            zone = ZoneId.of(form.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidInput("timeZone", Wordings.notATimeZone(form.timeZone()));
        }
        var week = new EnumMap<DayOfWeek, BusinessHours.Opening>(DayOfWeek.class);
        var seen = new TreeSet<DayOfWeek>();
        for (Day day : form.days() == null ? List.<Day>of() : form.days()) {
            DayOfWeek weekday;
            try {
                weekday = DayOfWeek.valueOf(String.valueOf(day.day()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("days", "'" + day.day() + "' is not a weekday such as MONDAY");
            }
            if (!seen.add(weekday)) {
                throw new InvalidInput("days", weekday + " is given twice");
            }
            if (!day.open()) {
                continue;
            }
            String field = "days." + weekday;
            LocalTime opens = time(field, day.opens());
            LocalTime closes = time(field, day.closes());
            if (!closes.isAfter(opens)) {
                throw new InvalidInput(field, "must close after it opens (" + opens + " to " + closes + ")");
            }
            week.put(weekday, new BusinessHours.Opening(opens, closes));
        }
        if (seen.size() != DayOfWeek.values().length) {
            throw new InvalidInput("days", "must give all seven weekdays, open or closed");
        }
        List<String> closedDays = form.closedDays() == null ? List.of() : form.closedDays();
        if (closedDays.size() > MAX_CLOSED_DAYS) {
            throw new InvalidInput("closedDays", "at most " + MAX_CLOSED_DAYS + " dates, not " + closedDays.size());
        }
        var closed = new TreeSet<LocalDate>();
        for (String date : closedDays) {
            try {
                closed.add(LocalDate.parse(String.valueOf(date).trim()));
            } catch (DateTimeParseException e) {
                throw new InvalidInput("closedDays", Wordings.notADate(date));
            }
        }
        return new BusinessHours(zone, week, closed, true);
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Wordings.notATime(value));
        }
    }

    private Account account(String accountId) {
        return accounts.require(accountId);
    }
}
