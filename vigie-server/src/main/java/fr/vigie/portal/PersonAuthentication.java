package fr.vigie.portal;

import fr.vigie.registry.PersonId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A job seeker's session in their space: the person's id and nothing else (no claim of the identity
 * provider is kept). Its only authority, {@code ROLE_PERSON}, is one no staff account holds, and it
 * lives under a session key of its own, so the staff chain never sees it.
 */
final class PersonAuthentication extends AbstractAuthenticationToken {
  static final String AUTHORITY = "ROLE_PERSON";

  private final UUID person;

  PersonAuthentication(PersonId person) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.person = person.value();
    setAuthenticated(true);
  }

  PersonId person() {
    return new PersonId(person);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return person;
  }

  @Override
  public String getName() {
    return "person:" + person;
  }

  /** The signed-in person of this request, as the read path serves them. */
  static Optional<PersonId> current() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof PersonAuthentication p
        ? Optional.of(p.person())
        : Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PersonAuthentication that && person.equals(that.person);
  }

  @Override
  public int hashCode() {
    return person.hashCode();
  }
}
