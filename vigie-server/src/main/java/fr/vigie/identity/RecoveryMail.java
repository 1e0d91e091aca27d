package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The mails of a recovery, and the notice of a new second factor. The notices to the owner and to
 * the managers carry no password, no code and no secret; the code goes alone in its own message to
 * the owner's address on file. A mail that cannot be sent fails the reset: nobody is reset without
 * being told.
 */
@Component
class RecoveryMail {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/Paris"));

  private final ObjectProvider<JavaMailSender> sender;
  private final String from;

  RecoveryMail(ObjectProvider<JavaMailSender> sender, @Value("${vigie.mail.from}") String from) {
    this.sender = sender;
    this.from = from;
  }

  void noticeToOwner(String to, Instant at) {
    send(
        to,
        "Vigie : le mot de passe de votre compte a été réinitialisé",
        """
        Le mot de passe de votre compte Vigie a été réinitialisé par l'assistance le %s.

        Pour vous connecter de nouveau, vous devrez enregistrer un nouveau second facteur, \
        avec l'accord de votre responsable ou le code envoyé à cette adresse dans un autre message.

        Si vous n'êtes pas à l'origine de cette demande, prévenez sans attendre votre responsable \
        et l'équipe sécurité.
        """
            .formatted(TIME.format(at)));
  }

  void noticeToManager(String to, String login, UUID recovery, Instant at) {
    send(
        to,
        "Vigie : un compte de votre structure a été réinitialisé",
        """
        Le mot de passe du compte %s a été réinitialisé par l'assistance le %s.

        Ce compte ne pourra enregistrer un nouveau second facteur qu'avec votre accord \
        (demande %s), ou avec le code envoyé à l'adresse que son titulaire avait déclarée.

        N'approuvez qu'après avoir vérifié auprès du titulaire, par un moyen que vous connaissez \
        déjà, qu'il est bien à l'origine de la demande.
        """
            .formatted(login, TIME.format(at), recovery));
  }

  void noticeFactorAdded(String to, IdentityEvent.Factor factor, Instant at) {
    send(
        to,
        "Vigie : un second facteur a été ajouté à votre compte",
        """
        Un second facteur a été ajouté à votre compte Vigie le %s : %s.

        Si vous n'êtes pas à l'origine de cet ajout, prévenez sans attendre votre responsable \
        et l'équipe sécurité : quelqu'un d'autre utilise votre compte.
        """
            .formatted(TIME.format(at), factorInWords(factor)));
  }

  private static String factorInWords(IdentityEvent.Factor factor) {
    return switch (factor) {
      case TOTP -> "une application d'authentification (code à usage unique)";
      case PASSKEY -> "une clé d'accès (passkey)";
      case IDENTITY_PROVIDER -> "le fournisseur d'identité de votre structure";
    };
  }

  void noticeFactorRemoved(String to, IdentityEvent.Factor factor, Instant at) {
    send(
        to,
        "Vigie : un second facteur a été retiré de votre compte",
        """
        Un second facteur a été retiré de votre compte Vigie le %s : %s.

        Si vous n'êtes pas à l'origine de ce retrait, prévenez sans attendre votre responsable \
        et l'équipe sécurité : quelqu'un d'autre utilise votre compte.
        """
            .formatted(TIME.format(at), factorInWords(factor)));
  }

  void codeToOwner(String to, String code, java.time.Duration validity) {
    send(
        to,
        "Vigie : code de récupération de votre compte",
        """
        Votre code de récupération : %s

        Il est valable %d minutes et ne sert qu'avec le mot de passe provisoire que l'assistance \
        vous a communiqué. Ne le donnez à personne, pas même à l'assistance.
        """
            .formatted(code, validity.toMinutes()));
  }

  private void send(String to, String subject, String text) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      throw new VigieException(ProblemCode.MAIL_UNAVAILABLE, "no mail server is configured");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject(subject);
    message.setText(text);
    try {
      mail.send(message);
    } catch (MailException e) {
      // The exception may name the recipient: keep only its type.
      throw new VigieException(
          ProblemCode.MAIL_UNAVAILABLE,
          "a mail to staff could not be sent: " + e.getClass().getSimpleName());
    }
  }
}
