package fr.vigie.transfer;

import fr.vigie.transfer.Folders.Folder;
import fr.vigie.transfer.Operations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The loopback API of the register (token in {@link ApiToken}): accounts and their keys, placing
 * files in an account's {@code outbound/}, collecting and confirming files of its {@code inbound/},
 * and the operation log. Every call on files is logged like an SFTP one.
 */
@RestController
@RequestMapping("/api")
class RegisterApi {
  private static final String REGISTER = "register";

  /** The source of the guard's operations: it names no address, all the unknown ones. */
  private static final String GUARD = "unknown-networks";

  private final Accounts accounts;
  private final Folders folders;
  private final Operations operations;
  private final WebUsers users;
  private final SftpServer sftp;
  private final WebSessions sessions;
  private final Deletions deletions;
  private final BlockedAddresses blocked;
  private final SignInGuard guard;

  RegisterApi(
      Accounts accounts,
      Folders folders,
      Operations operations,
      WebUsers users,
      SftpServer sftp,
      WebSessions sessions,
      Deletions deletions,
      BlockedAddresses blocked,
      SignInGuard guard) {
    this.accounts = accounts;
    this.folders = folders;
    this.operations = operations;
    this.users = users;
    this.sftp = sftp;
    this.sessions = sessions;
    this.deletions = deletions;
    this.blocked = blocked;
    this.guard = guard;
  }

  record AccountLimits(Long quotaBytes, Long maxFileBytes) {}

  record PublicKeyLine(String publicKey) {}

  record FileEntry(String name, long size) {}

  record Block(java.time.Instant until) {}

  @PutMapping("/accounts/{account}")
  Accounts.Account saveAccount(
      @PathVariable String account, @RequestBody(required = false) AccountLimits limits) {
    requireName(account);
    Accounts.Account saved =
        accounts.save(
            account,
            limits == null ? null : limits.quotaBytes(),
            limits == null ? null : limits.maxFileBytes());
    folders.root(account);
    return saved;
  }

  @PutMapping("/accounts/{account}/keys")
  String addKey(@PathVariable String account, @RequestBody PublicKeyLine key) {
    requireAccount(account);
    try {
      return accounts.addKey(account, key.publicKey());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /**
   * Enrols a person of the account for the HTTPS side, or gives them a new password and TOTP
   * secret: the answer is the only place these appear in clear.
   */
  @PutMapping("/accounts/{account}/users/{login}")
  ResponseEntity<WebUsers.Enrolment> enrol(
      @PathVariable String account, @PathVariable String login) {
    requireAccount(account);
    if (!WebUsers.validLogin(login)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "login refused");
    }
    return ResponseEntity.ok()
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(users.enrol(account, login));
  }

  /**
   * The register's detectors contained the account: from now on it can neither sign in nor do
   * anything, and its open SFTP and HTTPS sessions are cut. Idempotent: the register says it again
   * until it is heard.
   */
  @PutMapping("/accounts/{account}/suspension")
  ResponseEntity<Void> suspend(@PathVariable String account) {
    requireAccount(account);
    if (accounts.suspend(account, true)) {
      operations.record(account, OperationKind.SUSPEND, null, null, REGISTER, "ok");
    }
    sftp.disconnect(account);
    sessions.closeAll(account);
    return ResponseEntity.noContent().build();
  }

  /** A security analyst released the account: it works again. Idempotent. */
  @DeleteMapping("/accounts/{account}/suspension")
  ResponseEntity<Void> resume(@PathVariable String account) {
    requireAccount(account);
    if (accounts.suspend(account, false)) {
      operations.record(account, OperationKind.RESUME, null, null, REGISTER, "ok");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * The register's watch saw {@code address} guess tokens: every HTTPS request and SFTP sign-in
   * from it is refused until {@code until}. Idempotent; a later time told before is kept.
   */
  @PutMapping("/addresses/{address}/block")
  ResponseEntity<Void> block(@PathVariable String address, @RequestBody Block block) {
    requireAddress(address);
    requireUntil(block);
    blocked.block(address, block.until());
    operations.record("?", OperationKind.BLOCK, null, null, address, "ok");
    return ResponseEntity.noContent().build();
  }

  /** An analyst found the address honest: it is served again. Idempotent. */
  @DeleteMapping("/addresses/{address}/block")
  ResponseEntity<Void> unblock(@PathVariable String address) {
    requireAddress(address);
    blocked.lift(address);
    operations.record("?", OperationKind.BLOCK, null, null, address, "lifted");
    return ResponseEntity.noContent().build();
  }

  /**
   * The register's watch saw the network of {@code address} (its /24 for IPv4, its /64 for IPv6:
   * {@code bits}) guess tokens from many of its addresses: every request and sign-in from it is
   * refused until {@code until}. Idempotent; a later time told before is kept.
   */
  @PutMapping("/networks/{address}/{bits}/block")
  ResponseEntity<Void> blockNetwork(
      @PathVariable String address, @PathVariable int bits, @RequestBody Block block) {
    requireNetwork(address, bits);
    requireUntil(block);
    blocked.blockNetwork(address, block.until());
    operations.record("?", OperationKind.BLOCK, null, null, address + "/" + bits, "ok");
    return ResponseEntity.noContent().build();
  }

  /** An analyst found the network honest: it is served again. Idempotent. */
  @DeleteMapping("/networks/{address}/{bits}/block")
  ResponseEntity<Void> unblockNetwork(@PathVariable String address, @PathVariable int bits) {
    requireNetwork(address, bits);
    blocked.liftNetwork(address);
    operations.record("?", OperationKind.BLOCK, null, null, address + "/" + bits, "lifted");
    return ResponseEntity.noContent().build();
  }

  /**
   * The register's watch saw guessed tokens spread over many addresses: until {@code until}, only
   * the networks that signed in successfully lately are served ({@link SignInGuard}).
   */
  @PutMapping("/sign-in-guard")
  ResponseEntity<Void> guard(@RequestBody Block block) {
    requireUntil(block);
    guard.raise(block.until());
    operations.record("?", OperationKind.BLOCK, null, null, GUARD, "ok");
    return ResponseEntity.noContent().build();
  }

  /** An analyst lifted the national alert: every network is served again. Idempotent. */
  @DeleteMapping("/sign-in-guard")
  ResponseEntity<Void> unguard() {
    guard.lift();
    operations.record("?", OperationKind.BLOCK, null, null, GUARD, "lifted");
    return ResponseEntity.noContent().build();
  }

  @PutMapping(value = "/accounts/{account}/outbound/{name}")
  ResponseEntity<Void> place(
      @PathVariable String account, @PathVariable String name, HttpServletRequest request)
      throws IOException {
    requireAccount(account);
    requireFileName(name);
    try (InputStream body = request.getInputStream()) {
      long size = folders.place(account, Folder.OUTBOUND, name, body);
      operations.record(account, OperationKind.PLACE, "outbound/" + name, size, REGISTER, "ok");
    }
    return ResponseEntity.status(HttpStatus.CREATED).build();
  }

  @GetMapping("/accounts/{account}/{folder}")
  List<FileEntry> list(@PathVariable String account, @PathVariable String folder)
      throws IOException {
    requireAccount(account);
    List<FileEntry> entries = new ArrayList<>();
    for (Path file : folders.list(account, folder(folder))) {
      entries.add(new FileEntry(file.getFileName().toString(), Files.size(file)));
    }
    return entries;
  }

  @GetMapping(
      value = "/accounts/{account}/inbound/{name}",
      produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  ResponseEntity<Resource> collect(@PathVariable String account, @PathVariable String name)
      throws IOException {
    requireAccount(account);
    Path file = existing(account, Folder.INBOUND, name);
    operations.record(
        account, OperationKind.COLLECT, "inbound/" + name, Files.size(file), REGISTER, "ok");
    return ResponseEntity.ok(new FileSystemResource(file));
  }

  @DeleteMapping("/accounts/{account}/inbound/{name}")
  ResponseEntity<Void> confirm(@PathVariable String account, @PathVariable String name)
      throws IOException {
    requireAccount(account);
    Path file = existing(account, Folder.INBOUND, name);
    deletions.delete(file, account, OperationKind.CONFIRM, "inbound/" + name, REGISTER);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/operations")
  List<Operation> operations(
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "1000") int limit) {
    return operations.after(after, Math.clamp(limit, 1, 10_000));
  }

  private Path existing(String account, Folder folder, String name) throws IOException {
    requireFileName(name);
    Path file = folders.file(account, folder, name);
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such file");
    }
    return file;
  }

  private static Folder folder(String name) {
    for (Folder folder : Folder.values()) {
      if (folder.directory().equals(name)) {
        return folder;
      }
    }
    throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such folder");
  }

  private void requireAccount(String account) {
    requireName(account);
    if (accounts.find(account).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such account");
    }
  }

  private static void requireName(String account) {
    if (!Accounts.validName(account)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "account name refused");
    }
  }

  /** An IPv4 or IPv6 address literal, as the exchange logs its sources; no name is looked up. */
  private static void requireAddress(String address) {
    if (address == null
        || address.length() > 64
        || !address.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "address refused");
    }
  }

  /**
   * An address and the length of its network's prefix: 24 for IPv4, 64 for IPv6. Which one the
   * address is comes from the address parsed, not its spelling: an IPv4-mapped IPv6 literal is the
   * IPv4 address it maps, and blocks its /24.
   */
  private static void requireNetwork(String address, int bits) {
    requireAddress(address);
    String network = AddressLimits.network(address);
    boolean v4 = !network.endsWith("/64");
    if (network.startsWith("other:") || bits != (v4 ? 24 : 64)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "network refused");
    }
  }

  private static void requireUntil(Block block) {
    if (block == null || block.until() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "until is required");
    }
  }

  private static void requireFileName(String name) {
    if (!Folders.validFileName(name)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "file name refused");
    }
  }
}
