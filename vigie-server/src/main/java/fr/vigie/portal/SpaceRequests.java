package fr.vigie.portal;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Self;
import fr.vigie.identity.Channels;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The signed-in person of the current request, as the read path serves them. */
@Component
class SpaceRequests {
  private final Channels channels;

  SpaceRequests(Channels channels) {
    this.channels = channels;
  }

  Self self() {
    var person =
        PersonAuthentication.current()
            .orElseThrow(() -> new VigieException(ProblemCode.SIGN_IN_REQUIRED, "not signed in"));
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    return new Self(person, channels.of(request).network());
  }
}
