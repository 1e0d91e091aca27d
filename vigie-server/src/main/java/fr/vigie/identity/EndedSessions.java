package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The session's security context, where a session that a parallel request of the same browser has
 * just ended reads as no session at all.
 *
 * <p>The servlet container hands a request its session while it is valid; if another request ends
 * it before this one reads its attributes (the tenth wrong code of forty sent at once locks the
 * account, and the next request of the batch ends the session), the read throws {@link
 * IllegalStateException}, which would answer 500 where the request is only no longer signed in.
 * Such a request goes on signed out, as it would have a moment later. A session still valid that
 * throws is another fault, and is not hidden.
 */
final class EndedSessions implements SecurityContextRepository {
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    DeferredSecurityContext stored = sessions.loadDeferredContext(request);
    return new DeferredSecurityContext() {
      private SecurityContext context;
      private boolean generated;

      @Override
      public SecurityContext get() {
        load();
        return context;
      }

      @Override
      public boolean isGenerated() {
        load();
        return generated;
      }

      private void load() {
        if (context != null) {
          return;
        }
        try {
          context = stored.get();
          generated = stored.isGenerated();
        } catch (IllegalStateException e) {
          endedMeanwhile(request, e);
          context = holder.createEmptyContext();
          generated = true;
        }
      }
    };
  }

  /**
   * @deprecated as in the interface; Spring Security's filters call {@link #loadDeferredContext}
   */
  @Override
  @Deprecated
  @SuppressWarnings("deprecation")
  public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
    return loadDeferredContext(requestResponseHolder.getRequest()).get();
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    sessions.saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    try {
      return sessions.containsContext(request);
    } catch (IllegalStateException e) {
      endedMeanwhile(request, e);
      return false;
    }
  }

  /** Rethrows {@code e} unless the request's session has ended since it was handed over. */
  private static void endedMeanwhile(HttpServletRequest request, IllegalStateException e) {
    if (request.getSession(false) != null) {
      throw e;
    }
  }
}
