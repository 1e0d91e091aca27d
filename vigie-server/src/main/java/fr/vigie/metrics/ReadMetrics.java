package fr.vigie.metrics;

import fr.vigie.VigieException;
import fr.vigie.access.PersonReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts the protected reads, searches and updates by outcome, and the refusals by problem code,
 * around {@link PersonReads}: the one path stays as it is, and every channel that takes it is
 * counted. Labels are the operation, the outcome and the {@link fr.vigie.ProblemCode} name, a
 * bounded set; the arguments (actor, person) are never looked at.
 */
@Component
final class ReadMetrics implements BeanPostProcessor {
  static final String ACCESSES = "vigie.access";
  static final String REFUSALS = "vigie.access.refusals";
  private static final Set<String> OPERATIONS = Set.of("read", "search", "update");

  // Looked up at the first call: the registry is a bean this post-processor must not start early.
  private final ObjectProvider<MeterRegistry> registry;

  private final Map<List<Object>, Counter> counters = new ConcurrentHashMap<>();

  ReadMetrics(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (!(bean instanceof PersonReads)) {
      return bean;
    }
    MethodInterceptor counting = this::count;
    if (bean instanceof Advised advised) {
      advised.addAdvice(counting);
      return bean;
    }
    ProxyFactory proxy = new ProxyFactory(bean);
    proxy.setProxyTargetClass(true);
    proxy.addAdvice(counting);
    return proxy.getProxy(bean.getClass().getClassLoader());
  }

  private Object count(MethodInvocation invocation) throws Throwable {
    String operation = invocation.getMethod().getName().toLowerCase(Locale.ROOT);
    if (!OPERATIONS.contains(operation)) {
      return invocation.proceed();
    }
    try {
      Object result = invocation.proceed();
      counter(ACCESSES, "operation", operation, "outcome", "allowed").increment();
      return result;
    } catch (VigieException e) {
      counter(ACCESSES, "operation", operation, "outcome", "refused").increment();
      counter(REFUSALS, "operation", operation, "reason", e.code().name()).increment();
      throw e;
    } catch (RuntimeException | Error e) {
      counter(ACCESSES, "operation", operation, "outcome", "failed").increment();
      throw e;
    }
  }

  /** Registered once each: a read looks its counter up, it does not build and register it. */
  private Counter counter(String name, String... tags) {
    return counters.computeIfAbsent(
        List.of(name, List.of(tags)),
        key -> Counter.builder(name).tags(tags).register(registry.getObject()));
  }
}
