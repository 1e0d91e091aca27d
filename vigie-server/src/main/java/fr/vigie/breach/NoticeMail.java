package fr.vigie.breach;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email of an article 34 notice, under the Message-ID the outbox fixed when it created the
 * notice: a notice sent again after a crash carries the same id as the first attempt, which mail
 * clients and archives treat as one message.
 */
@Component
class NoticeMail {
  private final ObjectProvider<JavaMailSender> sender;
  private final String from;

  NoticeMail(ObjectProvider<JavaMailSender> sender, @Value("${vigie.mail.from}") String from) {
    this.sender = sender;
    this.from = from;
  }

  /**
   * Hands the notice to the SMTP server; returns once the server accepted it.
   *
   * @throws VigieException MAIL_UNAVAILABLE, naming neither the recipient nor the text
   */
  void send(String to, String messageId, String subject, String text) {
    JavaMailSender mail = sender.getIfAvailable();
    if (!(mail instanceof JavaMailSenderImpl smtp)) {
      throw new VigieException(ProblemCode.MAIL_UNAVAILABLE, "no mail server is configured");
    }
    try {
      MimeMessage message = new FixedIdMessage(smtp.getSession(), messageId);
      MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(text);
      smtp.send(message);
    } catch (MessagingException | MailException e) {
      // The exception may name the recipient: keep only its type.
      throw new VigieException(
          ProblemCode.MAIL_UNAVAILABLE,
          "a notice could not be handed to the mail server: " + e.getClass().getSimpleName());
    }
  }

  /** A message whose Message-ID is the one given, not a new one made at each save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
