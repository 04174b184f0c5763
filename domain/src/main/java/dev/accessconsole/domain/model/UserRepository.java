package dev.accessconsole.domain.model;

import java.util.Optional;

public interface UserRepository {

    void add(UserAccount user);

    Optional<UserAccount> find(String userId);

    Optional<UserAccount> findByIdentity(String issuer, String subject);
}
