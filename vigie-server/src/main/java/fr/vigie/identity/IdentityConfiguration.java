package fr.vigie.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What the identity feature needs in every kind of run, the command line included: the password
 * hashing, and the accounts as Spring's user details (which also keeps Spring Boot from creating a
 * default user with a generated password).
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

  /** Argon2id at OWASP's minimum: 19 MiB of memory, 2 iterations, parallelism 1. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
  }

  /**
   * The staff accounts as Spring's user details, for the authentication mechanisms that look up
   * authorities by name (passkeys). The account is marked disabled with an unusable password, so no
   * password login can ever go through it: passwords are checked by {@link SignIn} only.
   */
  @Bean
  UserDetailsService staffUserDetails(StaffAccounts accounts) {
    return login ->
        accounts
            .byLogin(login)
            .map(
                a ->
                    User.withUsername(a.login())
                        .password("!")
                        .disabled(true)
                        .authorities("ROLE_" + a.role().name())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such account"));
  }
}
