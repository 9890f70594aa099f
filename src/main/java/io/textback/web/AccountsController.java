package io.textback.web;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.NewAccount;
import java.util.List;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
class AccountsController {

    private final AccountRepository accounts;
    private final AccountService service;

    AccountsController(AccountRepository accounts, AccountService service) {
        this.accounts = accounts;
        this.service = service;
    }

    @GetMapping
    List<Account> list() {
        return accounts.findAll();
    }

    @GetMapping("/{id}")
    Account get(@PathVariable String id) {
        return accounts.require(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Account create(@Valid @RequestBody NewAccount account) {
        return service.create(account);
    }
}
