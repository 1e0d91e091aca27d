package fr.vigie.breach;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Until notices are stored, a person's space lists none rather than failing. */
@Configuration(proxyBeanMethods = false)
class NoNotices {
  @Bean
  @ConditionalOnMissingBean(PersonNotices.class)
  PersonNotices emptyPersonNotices() {
    return person -> List.of();
  }
}
